#include "paperboy/render/format.hpp"

#include "paperboy/core/time.hpp"

namespace paperboy::render {

std::string format_authors(const std::vector<core::author>& authors) {
    constexpr std::size_t shown = 5;
    std::string out;
    for (std::size_t i = 0; i < authors.size() && i < shown; ++i) {
        if (i > 0) out += ", ";
        out += authors[i].name;
    }
    if (authors.size() > shown) out += " et al.";
    return out;
}

std::string paper_url(const core::paper& p) {
    if (p.arxiv_id.empty()) return p.abs_url;
    return "https://arxiv.org/abs/" + p.arxiv_id;
}

std::string pdf_url(const core::paper& p) {
    if (!p.pdf_url.empty()) return p.pdf_url;
    if (p.arxiv_id.empty()) return {};
    return "https://arxiv.org/pdf/" + p.arxiv_id;
}

std::string github_url(const core::paper& p) {
    if (!p.signals.github_repo || p.signals.github_repo->empty()) return {};
    const std::string& repo = *p.signals.github_repo;
    if (repo.starts_with("https://") || repo.starts_with("http://")) return repo;
    return "https://github.com/" + repo;
}

std::optional<std::string> published_day(const core::paper& p) {
    if (!p.published) return std::nullopt;
    return core::format_ymd(std::chrono::floor<std::chrono::days>(*p.published));
}

std::string source_list(const core::paper& p) {
    std::string out;
    for (const auto& s : p.sources) {
        if (!out.empty()) out += ", ";
        out += s;
    }
    return out;
}

std::vector<meta_part> meta_parts(const core::paper& p, const labels& l) {
    std::vector<meta_part> parts;
    if (auto day = published_day(p)) parts.push_back({l.published, std::move(*day)});
    if (!p.sources.empty()) parts.push_back({l.source, source_list(p)});
    if (!p.arxiv_id.empty()) parts.push_back({"arXiv", p.arxiv_id, true});
    return parts;
}

}  // namespace paperboy::render
