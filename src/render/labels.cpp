#include "paperboy/render/labels.hpp"

#include "paperboy/core/time.hpp"

namespace paperboy::render {
namespace {

constexpr labels english{
    .title = "LLM Papers Survey",
    .authors = "Authors",
    .published = "Published",
    .source = "Source",
    .summary = "Summary",
    .original_abstract = "Original abstract",
    .note = "Note",
    .footer = "This digest is generated automatically; see each source for details.",
    .et_al = "et al.",
    .no_new_papers = "No new papers",
    .summary_button = "Summary",
    .source_warnings = "Some sources could not be reached",
    .thread_hint = "Full summaries and original abstracts are in the thread.",
    .button_hint = "Press Summary for a paper's full summary and original abstract.",
    .links = "Links",
};

constexpr labels japanese{
    .title = "LLM論文サーベイ",
    .authors = "著者",
    .published = "公開日",
    .source = "ソース",
    .summary = "要約",
    .original_abstract = "原文アブストラクト",
    .note = "注記",
    .footer = "このダイジェストは自動生成されています。詳細は各ソースをご確認ください。",
    .et_al = "et al.",
    .no_new_papers = "新着論文はありません",
    .summary_button = "要約",
    .source_warnings = "一部のソースに接続できませんでした",
    .thread_hint = "全文の要約と原文アブストラクトはスレッドにあります。",
    .button_hint = "「要約」ボタンで各論文の要約全文と原文アブストラクトを表示します。",
    .links = "リンク",
};

}  // namespace

const labels& labels_for(std::string_view language) {
    const std::string_view primary = language.substr(0, language.find_first_of("-_"));
    if (primary == "ja" || primary == "JA" || primary == "Ja") return japanese;
    return english;
}

std::string digest_title(const labels& l, std::chrono::sys_days date) {
    return std::string(l.title) + " (" + core::format_ymd(date) + ")";
}

std::string no_papers_line(const labels& l, std::string_view reason) {
    std::string line(l.no_new_papers);
    if (!reason.empty()) line.append(": ").append(reason);
    return line;
}

}  // namespace paperboy::render
