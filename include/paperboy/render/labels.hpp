#pragma once
// The words around the content, per language; unknown languages fall back to English.
#include <chrono>
#include <string>
#include <string_view>

namespace paperboy::render {

struct labels {
    std::string_view title;              // "LLM Papers Survey"; see digest_title
    std::string_view authors;            // "Authors"
    std::string_view published;          // "Published"
    std::string_view source;             // "Source"
    std::string_view summary;            // "Summary"
    std::string_view original_abstract;  // "Original abstract"
    std::string_view note;               // "Note" (why the fallback summary stands in)
    std::string_view footer;             // "This digest is generated automatically; ..."
    std::string_view et_al;              // "et al." in every language
    std::string_view no_new_papers;      // "No new papers"
    std::string_view summary_button;     // "Summary"
    std::string_view source_warnings;    // "Some sources could not be reached"
    std::string_view thread_hint;        // layout full: where the full texts are
    std::string_view button_hint;        // layout compact: how to get them
    std::string_view links;              // "Links"
};

// "ja", "ja-JP", "ja_JP" → Japanese; anything else → English.
const labels& labels_for(std::string_view language);

// "LLM Papers Survey (2026-02-23)" / "LLM論文サーベイ (2026-02-23)".
std::string digest_title(const labels& l, std::chrono::sys_days date);

// "No new papers: <reason>", or just "No new papers" without a reason.
std::string no_papers_line(const labels& l, std::string_view reason);

}  // namespace paperboy::render
