#include "paperboy/render/slack.hpp"

#include "paperboy/render/format.hpp"
#include "paperboy/render/labels.hpp"
#include "paperboy/render/split.hpp"
#include "slack_blocks.hpp"

namespace paperboy::render {
namespace {

using detail::mrkdwn_fit;
using detail::slack_block;

// Caps per part keep every paper's section far below the 3000-character limit.
constexpr std::size_t max_title = 300, max_authors = 400, max_meta_value = 200, max_preview = 300,
                      max_note = 300;

// "*3. <url|Title>*", the title linked to its abstract page.
std::string numbered_title(const core::digest_entry& e) {
    const auto& p = e.paper;
    const std::string label = mrkdwn_fit(p.title.empty() ? p.arxiv_id : p.title, max_title);
    return "*" + std::to_string(e.number) + ". " + detail::mrkdwn_link(paper_url(p), label) + "*";
}

// The authors and "Published: … · Source: … · arXiv: …" lines.
std::string byline(const core::paper& p, const labels& l) {
    std::string out;
    if (!p.authors.empty())
        out += "\n" + mrkdwn_escape(l.authors) + ": " + mrkdwn_fit(format_authors(p.authors), max_authors);
    std::string meta;
    for (const auto& part : meta_parts(p, l)) {
        std::string value = mrkdwn_fit(part.value, max_meta_value);
        if (part.is_arxiv_id) value = detail::mrkdwn_link(paper_url(p), value);
        meta += (meta.empty() ? "" : " · ") + mrkdwn_escape(part.label) + ": " + value;
    }
    return meta.empty() ? out : out + "\n" + meta;
}

slack_block paper_block(const core::digest& d, const core::digest_entry& e, const labels& l) {
    std::string text = numbered_title(e) + byline(e.paper, l);
    if (!e.summary.text.empty())
        text += "\n" + mrkdwn_escape(first_sentence(e.summary.text, max_preview, detail::mrkdwn_cost));
    if (!e.summary.note.empty())
        text += "\n:warning: " + mrkdwn_escape(l.note) + ": " + mrkdwn_fit(e.summary.note, max_note);
    slack_block b = detail::section_block(std::move(text));
    b.json["block_id"] = "paper_" + std::to_string(e.number);
    const std::string value = format_button_value({d.date, d.profile, e.number, e.paper.arxiv_id});
    constexpr std::size_t max_value = 2000;
    if (text_length(value) <= max_value) {
        b.json["accessory"] = {{"type", "button"},
                               {"text", {{"type", "plain_text"}, {"text", l.summary_button}, {"emoji", true}}},
                               {"action_id", summary_action_id},
                               {"value", value}};
        b.text_length += text_length(l.summary_button);
    }
    b.fallback = std::to_string(e.number) + ". " + e.paper.title;
    return b;
}

}  // namespace

std::vector<slack_message> slack_digest(const core::digest& d, slack_layout layout) {
    const labels& l = labels_for(d.language);
    const std::string title = digest_title(l, d.date);
    std::vector<slack_block> blocks;
    blocks.push_back(detail::header_block(title));
    if (!d.source_warnings.empty()) {
        std::string names;
        for (const auto& w : d.source_warnings) names += (names.empty() ? "" : ", ") + w;
        blocks.push_back(detail::context_block(":warning: " + mrkdwn_escape(l.source_warnings) + ": " +
                                               mrkdwn_fit(names, slack_max_section_text - 100)));
    }
    if (d.entries.empty()) {
        blocks.push_back(detail::section_block(mrkdwn_fit(no_papers_line(l, d.empty_reason), slack_max_section_text)));
        blocks.back().fallback = no_papers_line(l, d.empty_reason);
    }
    for (const auto& e : d.entries) blocks.push_back(paper_block(d, e, l));
    std::string footer = mrkdwn_escape(l.footer);
    if (!d.entries.empty())
        footer += " " + mrkdwn_escape(layout == slack_layout::full ? l.thread_hint : l.button_hint);
    blocks.push_back(detail::context_block(std::move(footer)));
    return detail::pack_messages(blocks, title);
}

std::vector<slack_message> slack_entry(const core::digest_entry& e, const std::string& language) {
    const labels& l = labels_for(language);
    const core::paper& p = e.paper;
    std::string head = numbered_title(e) + byline(p, l);
    std::string links;
    if (const auto pdf = pdf_url(p); !pdf.empty()) links += detail::mrkdwn_link(pdf, "PDF");
    if (const auto code = github_url(p); !code.empty())
        links += (links.empty() ? "" : " · ") + detail::mrkdwn_link(code, "GitHub");
    if (!links.empty()) head += "\n" + mrkdwn_escape(l.links) + ": " + links;

    std::vector<slack_block> blocks;
    blocks.push_back(detail::section_block(std::move(head)));
    if (!e.summary.note.empty())
        blocks.push_back(detail::section_block(":warning: *" + mrkdwn_escape(l.note) + ":* " +
                                               mrkdwn_fit(e.summary.note, slack_max_section_text - 100)));
    for (auto& b : detail::text_sections(l.summary, e.summary.text)) blocks.push_back(std::move(b));
    for (auto& b : detail::text_sections(l.original_abstract, p.abstract)) blocks.push_back(std::move(b));
    return detail::pack_messages(blocks, std::to_string(e.number) + ". " + p.title);
}

std::vector<slack_message> slack_thread(const core::digest& d) {
    std::vector<slack_message> messages;
    for (const auto& e : d.entries)
        for (auto& m : slack_entry(e, d.language)) messages.push_back(std::move(m));
    return messages;
}

}  // namespace paperboy::render
