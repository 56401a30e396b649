#pragma once
// The domain's paper record: what every source contributes, merged by version-less arXiv id.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace paperboy::core {

struct author {
    std::string name;
    std::vector<std::string> affiliations;
    bool operator==(const author&) const = default;
};

// Signals a source reports about a paper; absent when the source did not say.
struct paper_signals {
    std::optional<int> hf_upvotes;
    std::optional<int> hf_comments;
    std::optional<std::string> github_repo;
    std::optional<int> github_stars;
    std::optional<std::chrono::sys_days> hf_submitted_on;  // day it was listed on HF Daily Papers
    std::optional<int> citations;
    std::optional<int> influential_citations;
    std::optional<std::string> venue;
    std::optional<std::string> tldr;
    bool operator==(const paper_signals&) const = default;
};

struct paper {
    std::string arxiv_id;  // version-less, see parse_arxiv_id
    std::string version;   // "v2" when known
    std::string title;     // whitespace collapsed
    std::string abstract;  // whitespace collapsed, as published
    std::vector<author> authors;
    std::optional<std::chrono::sys_seconds> published;  // v1 submission time (UTC)
    std::optional<std::chrono::sys_seconds> updated;    // returned version's time (UTC)
    std::string primary_category;
    std::vector<std::string> categories;
    std::string abs_url;
    std::string pdf_url;
    std::string doi;
    std::string comment;
    std::string journal_ref;
    paper_signals signals;
    std::vector<std::string> sources;  // "arxiv", "huggingface", "semantic_scholar"
    bool operator==(const paper&) const = default;
};

}  // namespace paperboy::core
