#pragma once
// Does a paper belong in a profile's digest? Pure functions of (profile, paper).
#include "paperboy/core/paper.hpp"
#include "paperboy/pipeline/profile.hpp"

namespace paperboy::pipeline {

// How well title and abstract match the profile's keywords, in [0, 1). Each distinct keyword
// counts once, where it weighs most: strong keywords 1.0 in the title / 0.5 in the abstract,
// include keywords 0.5 / 0.25; the sum s maps to 1 - exp(-s) (diminishing returns).
double keyword_fit(const profile& p, const core::paper& paper);

// The ML-relevance rule:
//   reject when an exclude keyword hits and no strong keyword does (many upvotes do not help);
//   accept when a strong keyword hits in title or abstract;
//   accept when the primary or any category is one of the profile's and keyword_fit >= 0.35
//     (an include keyword in the title, or two in the abstract);
//   accept when keyword_fit >= 0.6 alone (several include keywords, e.g. two in the title);
//   reject otherwise.
bool accepts(const profile& p, const core::paper& paper);

}  // namespace paperboy::pipeline
