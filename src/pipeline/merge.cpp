#include "paperboy/pipeline/merge.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "paperboy/core/arxiv_id.hpp"

namespace paperboy::pipeline {
namespace {

// Lower is better: arXiv is the record of truth for metadata, HF copies it, S2 re-derives it.
int source_rank(const core::paper& p) {
    static const std::string order[] = {"arxiv", "huggingface", "semantic_scholar"};
    int best = 3;
    for (const auto& s : p.sources)
        for (int i = 0; i < 3; ++i)
            if (s == order[i]) best = std::min(best, i);
    return best;
}

int version_number(const std::string& v) {
    if (v.size() < 2 || v[0] != 'v') return 0;
    int n = 0;
    for (char c : v.substr(1)) {
        if (c < '0' || c > '9' || n > 100000) return 0;
        n = n * 10 + (c - '0');
    }
    return n;
}

template <class T>
void take_max(std::optional<T>& into, const std::optional<T>& from) {
    if (from && (!into || *from > *into)) into = from;
}

template <class T>
void take_first(std::optional<T>& into, const std::optional<T>& from) {
    if (!into && from) into = from;
}

void fill(std::string& into, const std::string& from) {
    if (into.empty()) into = from;
}

template <class T>
void fill(std::vector<T>& into, const std::vector<T>& from) {
    if (into.empty()) into = from;
}

// `group` is sorted best first.
core::paper combine(const std::string& id, const std::vector<core::paper>& group) {
    core::paper out;
    out.arxiv_id = id;
    for (const auto& p : group) {
        if (version_number(p.version) > version_number(out.version)) out.version = p.version;
        fill(out.title, p.title);
        fill(out.abstract, p.abstract);
        fill(out.authors, p.authors);
        take_first(out.published, p.published);
        take_first(out.updated, p.updated);
        fill(out.primary_category, p.primary_category);
        fill(out.categories, p.categories);
        fill(out.abs_url, p.abs_url);
        fill(out.pdf_url, p.pdf_url);
        fill(out.doi, p.doi);
        fill(out.comment, p.comment);
        fill(out.journal_ref, p.journal_ref);

        auto& s = out.signals;
        const auto& from = p.signals;
        take_max(s.hf_upvotes, from.hf_upvotes);
        take_max(s.hf_comments, from.hf_comments);
        take_first(s.github_repo, from.github_repo);
        take_max(s.github_stars, from.github_stars);
        if (from.hf_submitted_on && (!s.hf_submitted_on || *from.hf_submitted_on < *s.hf_submitted_on))
            s.hf_submitted_on = from.hf_submitted_on;
        take_max(s.citations, from.citations);
        take_max(s.influential_citations, from.influential_citations);
        take_first(s.venue, from.venue);
        take_first(s.tldr, from.tldr);

        out.sources.insert(out.sources.end(), p.sources.begin(), p.sources.end());
    }
    std::sort(out.sources.begin(), out.sources.end());
    out.sources.erase(std::unique(out.sources.begin(), out.sources.end()), out.sources.end());
    return out;
}

}  // namespace

std::vector<core::paper> merge(std::vector<std::vector<core::paper>> per_source) {
    std::map<std::string, std::vector<core::paper>> groups;  // ordered: output sorted by id
    for (auto& list : per_source) {
        for (auto& p : list) {
            if (p.arxiv_id.empty()) continue;
            std::string id = p.arxiv_id;
            if (auto parsed = core::parse_arxiv_id(p.arxiv_id)) {
                id = parsed->id;
                if (p.version.empty()) p.version = parsed->version;
            }
            groups[id].push_back(std::move(p));
        }
    }
    std::vector<core::paper> out;
    out.reserve(groups.size());
    for (auto& [id, group] : groups) {
        // Best first; updated and title break ties so the pick does not depend on arrival order.
        std::stable_sort(group.begin(), group.end(), [](const core::paper& a, const core::paper& b) {
            if (int ra = source_rank(a), rb = source_rank(b); ra != rb) return ra < rb;
            if (int va = version_number(a.version), vb = version_number(b.version); va != vb) return va > vb;
            if (a.updated != b.updated) return a.updated > b.updated;
            return a.title < b.title;
        });
        out.push_back(combine(id, group));
    }
    return out;
}

}  // namespace paperboy::pipeline
