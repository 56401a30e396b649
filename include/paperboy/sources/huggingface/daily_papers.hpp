#pragma once
// Hugging Face Daily Papers (GET /api/daily_papers) responses to papers, and the request target.
// Pure: bytes in, values out; JSON is parsed without exceptions.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/core/result.hpp"

namespace paperboy::sources::huggingface {

// The body must be a JSON array; anything else (invalid JSON, an object such as {"error":..})
// is an error. Items lacking a string paper.id that is an arXiv id, or a string paper.title, are
// skipped; every other field is optional and type-checked (a wrong type counts as absent).
// Signals: hf_upvotes = paper.upvotes, hf_comments = numComments (both default 0 per the API
// notes), github_repo/github_stars, hf_submitted_on = day of paper.submittedOnDailyAt.
// abs_url/pdf_url are the arXiv pages of paper.id. sources = {"huggingface"}.
result<std::vector<core::paper>> parse_daily_papers(std::string_view body);

// "/api/daily_papers?date=2026-06-12&p=0&limit=50" (page is 0-based).
std::string build_daily_papers_target(std::chrono::sys_days date, int page, int limit);

}  // namespace paperboy::sources::huggingface
