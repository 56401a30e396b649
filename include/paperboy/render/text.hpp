#pragma once
// The digest as plain text (terminal, e-mail), the shape of DESIGN.md "The digest":
//
//   LLM Papers Survey (2026-02-23)
//
//   1. Title
//      Authors: A, B, C, D, E et al.
//      Published: 2026-02-11 · Source: huggingface · arXiv: 2602.10693
//      Summary: ...
//      Note: ... (only when the fallback summary stands in)
//      Original abstract: ...
//
//   This digest is generated automatically; see each source for details.
#include <string>

#include "paperboy/core/digest.hpp"

namespace paperboy::render {

std::string plain_text(const core::digest& d);

// One paper as the numbered block above, labelled in `language`; ends with a newline.
std::string plain_text_entry(const core::digest_entry& e, const std::string& language);

}  // namespace paperboy::render
