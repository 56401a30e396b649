#pragma once
// Pieces of a paper every renderer shows the same way.
#include <optional>
#include <string>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/render/labels.hpp"

namespace paperboy::render {

// "A, B, C, D, E et al." — the first five names, then "et al." when there are more; "" for none.
std::string format_authors(const std::vector<core::author>& authors);

// The arXiv abstract page, "https://arxiv.org/abs/<id>" (version-less, so it shows the latest);
// the paper's own abs_url when it has no arXiv id.
std::string paper_url(const core::paper& p);

// The PDF link: pdf_url when known, else "https://arxiv.org/pdf/<id>"; "" when neither.
std::string pdf_url(const core::paper& p);

// The code repository a source reported ("org/repo" or a full URL) as a URL; "" when none.
std::string github_url(const core::paper& p);

// "2026-02-11": the v1 submission day (UTC); nothing when unknown.
std::optional<std::string> published_day(const core::paper& p);

// "huggingface, arxiv" in the paper's order.
std::string source_list(const core::paper& p);

// The parts of the "Published: 2026-02-11 · Source: huggingface · arXiv: 2602.10693" line, the
// unknown ones left out; each renderer decorates and joins them. The arXiv part's label is "arXiv".
struct meta_part {
    std::string_view label;
    std::string value;
    bool is_arxiv_id = false;  // value is the id; renderers link it to paper_url
};
std::vector<meta_part> meta_parts(const core::paper& p, const labels& l);

}  // namespace paperboy::render
