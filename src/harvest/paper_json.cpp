#include "paperboy/harvest/paper_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

#include "paperboy/core/time.hpp"

namespace paperboy::harvest {

std::string candidate_json(const pipeline::ranked& c, int rank, bool already_posted) {
    const auto& p = c.paper;
    nlohmann::ordered_json j;
    j["rank"] = rank;
    j["arxiv_id"] = p.arxiv_id;
    if (!p.version.empty()) j["version"] = p.version;
    j["score"] = std::round(c.score * 10000) / 10000;
    j["title"] = p.title;
    auto& authors = j["authors"] = nlohmann::ordered_json::array();
    for (const auto& a : p.authors) authors.push_back(a.name);
    if (p.published) j["published"] = core::format_rfc3339(*p.published);
    if (!p.primary_category.empty()) j["primary_category"] = p.primary_category;
    j["categories"] = p.categories;
    j["sources"] = p.sources;
    auto& s = j["signals"] = nlohmann::ordered_json::object();
    const auto& sig = p.signals;
    if (sig.hf_upvotes) s["hf_upvotes"] = *sig.hf_upvotes;
    if (sig.hf_comments) s["hf_comments"] = *sig.hf_comments;
    if (sig.hf_submitted_on) s["hf_submitted_on"] = core::format_ymd(*sig.hf_submitted_on);
    if (sig.github_repo) s["github_repo"] = *sig.github_repo;
    if (sig.github_stars) s["github_stars"] = *sig.github_stars;
    if (sig.citations) s["citations"] = *sig.citations;
    if (sig.influential_citations) s["influential_citations"] = *sig.influential_citations;
    if (sig.venue) s["venue"] = *sig.venue;
    if (sig.tldr) s["tldr"] = *sig.tldr;
    j["already_posted"] = already_posted;
    if (!p.abs_url.empty()) j["abs_url"] = p.abs_url;
    // Invalid UTF-8 from a source is replaced rather than failing the whole line.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace paperboy::harvest
