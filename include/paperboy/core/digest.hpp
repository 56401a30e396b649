#pragma once
// The digest: what users read. Every renderer (Markdown, HTML, JSON, text, Slack, Discord) works
// from this one value.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "paperboy/core/paper.hpp"

namespace paperboy::core {

struct summary {
    std::string text;      // in `language`
    std::string language;  // "en", "ja", ...
    std::string model;     // "anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini", "extractive"
    // Set when the LLM summary could not be used (failure, or a number not in the abstract) and the
    // extractive summary stands in; renderers show it so readers know.
    std::string note;
    bool operator==(const summary&) const = default;
};

struct digest_entry {
    int number = 0;  // 1-based position in the digest
    core::paper paper;  // with the original abstract, verbatim
    core::summary summary;
    double score = 0;
    bool operator==(const digest_entry&) const = default;
};

struct digest {
    std::chrono::sys_days date;
    std::string profile;   // "llm"
    std::string language;  // of the summaries
    std::vector<digest_entry> entries;
    std::string empty_reason;                   // why there are no entries, when there are none
    std::vector<std::string> source_warnings;   // sources that failed while it was built
    std::optional<std::chrono::sys_seconds> generated_at;
    bool operator==(const digest&) const = default;
};

}  // namespace paperboy::core
