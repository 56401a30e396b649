#include "paperboy/sources/huggingface/daily_papers.hpp"

#include <algorithm>
#include <optional>

#include "paperboy/json/fields.hpp"
#include "paperboy/core/arxiv_id.hpp"
#include "paperboy/core/text.hpp"
#include "paperboy/core/time.hpp"

namespace paperboy::sources::huggingface {
namespace {

using namespace paperboy::json_fields;

std::optional<std::chrono::sys_seconds> time_at(const json& object, const char* key) {
    auto text = string_at(object, key);
    return text ? core::parse_rfc3339(*text) : std::nullopt;
}

std::optional<core::paper> parse_item(const json& item) {
    const json* paper = object_at(item, "paper");
    if (!paper) return std::nullopt;
    auto id_text = string_at(*paper, "id");
    auto title = string_at(*paper, "title");
    if (!id_text || !title) return std::nullopt;
    auto id = core::parse_arxiv_id(*id_text);
    if (!id) return std::nullopt;

    core::paper p;
    p.arxiv_id = id->id;
    p.version = id->version;
    p.title = core::collapse_whitespace(*title);
    p.abstract = core::collapse_whitespace(string_at(*paper, "summary").value_or(""));
    if (const json* authors = array_at(*paper, "authors"))
        for (const auto& a : *authors)
            if (auto name = string_at(a, "name"); name && !name->empty())
                p.authors.push_back({core::collapse_whitespace(*name), {}});
    p.published = time_at(*paper, "publishedAt");
    p.abs_url = "https://arxiv.org/abs/" + p.arxiv_id + p.version;
    p.pdf_url = "https://arxiv.org/pdf/" + p.arxiv_id + p.version;

    auto& s = p.signals;
    // Upvotes live inside "paper", comments on the outer item (docs/external-apis.md c).
    s.hf_upvotes = std::max(0, int_at(*paper, "upvotes").value_or(0));
    s.hf_comments = std::max(0, int_at(item, "numComments").value_or(0));
    if (auto repo = string_at(*paper, "githubRepo"); repo && !repo->empty()) s.github_repo = *repo;
    s.github_stars = int_at(*paper, "githubStars");
    if (auto listed = time_at(*paper, "submittedOnDailyAt"))
        s.hf_submitted_on = std::chrono::floor<std::chrono::days>(*listed);
    p.sources = {"huggingface"};
    return p;
}

}  // namespace

result<std::vector<core::paper>> parse_daily_papers(std::string_view body) {
    auto doc = json::parse(body, nullptr, false);
    if (doc.is_discarded()) return error{"Hugging Face daily papers: invalid JSON"};
    if (!doc.is_array())
        return error{"Hugging Face daily papers: expected a JSON array, got " + std::string(doc.type_name())};
    std::vector<core::paper> out;
    out.reserve(doc.size());
    for (const auto& item : doc)
        if (auto p = parse_item(item)) out.push_back(std::move(*p));
    return out;
}

std::string build_daily_papers_target(std::chrono::sys_days date, int page, int limit) {
    return "/api/daily_papers?date=" + core::format_ymd(date) + "&p=" + std::to_string(std::max(page, 0)) +
           "&limit=" + std::to_string(std::max(limit, 1));
}

}  // namespace paperboy::sources::huggingface
