#pragma once
// One record per paper out of what every source returned.
#include <vector>

#include "paperboy/core/paper.hpp"

namespace paperboy::pipeline {

// Groups records by version-less arXiv id (ids that still carry a version are normalised;
// records without an id are dropped) and builds one paper per group:
//  - descriptive fields (title, abstract, authors, dates, categories, links, doi, comment,
//    journal_ref) come from the best record that has them: arXiv, then Hugging Face, then
//    Semantic Scholar, then anything else; among records of one source the highest version wins;
//  - version is the highest seen;
//  - signals are combined: counts take the largest value reported, texts the best source's,
//    hf_submitted_on the earliest day;
//  - sources is the sorted union.
// The result is sorted by arxiv_id.
std::vector<core::paper> merge(std::vector<std::vector<core::paper>> per_source);

}  // namespace paperboy::pipeline
