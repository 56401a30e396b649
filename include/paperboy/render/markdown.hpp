#pragma once
// The digest as a Markdown article (archive, `paperboy digest --format markdown`, GET /digests/D.md):
//
//   # LLM Papers Survey (2026-02-23)
//
//   1. **[Title](https://arxiv.org/abs/2602.10693)**
//      - **Authors:** A, B, C, D, E et al.
//      - **Published:** 2026-02-11 · **Source:** huggingface · **arXiv:** [2602.10693](https://arxiv.org/abs/2602.10693)
//      - **Summary:** ...
//      - **Note:** ... (only when the fallback summary stands in)
//      - **Original abstract:** ...
//
//   ---
//
//   This digest is generated automatically; see each source for details.
//
// Text from papers and summaries is escaped, so a title cannot inject links or HTML.
#include <string>
#include <string_view>

#include "paperboy/core/digest.hpp"

namespace paperboy::render {

std::string markdown(const core::digest& d);

// One paper as the numbered list item above, labelled in `language`; ends with a newline.
std::string markdown_entry(const core::digest_entry& e, const std::string& language);

// Backslash-escapes the characters that would format: \ ` * _ [ ] < > #
std::string markdown_escape(std::string_view text);

}  // namespace paperboy::render
