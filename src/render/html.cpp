#include "paperboy/render/html.hpp"

#include "html_body.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/render/format.hpp"
#include "paperboy/render/labels.hpp"
#include "paperboy/render/utf8.hpp"

namespace paperboy::render {
namespace {

constexpr std::string_view stylesheet =
    "body{font-family:system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans JP',sans-serif;"
    "line-height:1.6;max-width:52rem;margin:0 auto;padding:1rem;color:#1f2328}"
    "a{color:#0b5cad}h1{font-size:1.6rem}h2{font-size:1.15rem;margin:1.5rem 0 .25rem}"
    ".label{font-weight:600}.meta,.authors{margin:.1rem 0;color:#57606a}"
    ".note{background:#fff8c5;padding:.25rem .5rem}details{margin:.5rem 0}"
    "table{border-collapse:collapse}td,th{padding:.25rem .75rem;text-align:left}"
    "footer{margin-top:2rem;color:#57606a;font-size:.9rem}";

std::string head(std::string_view lang, std::string_view title, std::string_view extra = {}) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_escape(lang) + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(title) + "</title>\n";
    out += extra;
    out += "<style>" + std::string(stylesheet) + "</style>\n</head>\n<body>\n<main>\n";
    return out;
}

constexpr std::string_view tail = "</main>\n</body>\n</html>\n";

// Line breaks in a summary survive as <br>.
std::string html_lines(std::string_view text) {
    std::string out = html_escape(text);
    std::string with_breaks;
    for (char c : out) {
        if (c == '\r') continue;
        if (c == '\n') with_breaks += "<br>";
        with_breaks += c;
    }
    return with_breaks;
}

std::string labelled(std::string_view cls, std::string_view label, const std::string& html) {
    return "<p class=\"" + std::string(cls) + "\"><span class=\"label\">" + html_escape(label) + ":</span> " +
           html + "</p>\n";
}

std::string entry_html(const core::digest_entry& e, const labels& l) {
    const core::paper& p = e.paper;
    const std::string url = html_escape(paper_url(p));
    const std::string n = std::to_string(e.number);
    std::string out = "<li id=\"paper-" + n + "\" value=\"" + n + "\">\n";
    out += "<h2><a href=\"" + url + "\">" + html_escape(p.title) + "</a></h2>\n";
    if (!p.authors.empty()) out += labelled("authors", l.authors, html_escape(format_authors(p.authors)));
    std::string meta;
    for (const auto& part : meta_parts(p, l)) {
        if (!meta.empty()) meta += " · ";
        meta += "<span class=\"label\">" + html_escape(part.label) + ":</span> ";
        meta += part.is_arxiv_id ? "<a href=\"" + url + "\">" + html_escape(part.value) + "</a>"
                                 : html_escape(part.value);
    }
    if (!meta.empty()) out += "<p class=\"meta\">" + meta + "</p>\n";
    if (!e.summary.text.empty()) out += labelled("summary", l.summary, html_lines(e.summary.text));
    if (!e.summary.note.empty()) out += labelled("note", l.note, html_lines(e.summary.note));
    if (!p.abstract.empty())
        out += "<details class=\"abstract\"><summary>" + html_escape(l.original_abstract) + "</summary><p>" +
               html_lines(p.abstract) + "</p></details>\n";
    return out + "</li>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
    const std::string valid = to_valid_utf8(text);
    std::string out;
    out.reserve(valid.size());
    for (char c : valid) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                // XML 1.0 forbids C0 controls other than tab, LF and CR, even as references.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
    return out;
}

std::string detail::html_article(const core::digest& d) {
    const labels& l = labels_for(d.language);
    std::string out = "<article class=\"digest\">\n<h1>" + html_escape(digest_title(l, d.date)) + "</h1>\n";
    if (!d.source_warnings.empty()) {
        std::string names;
        for (const auto& w : d.source_warnings) names += (names.empty() ? "" : ", ") + html_escape(w);
        out += "<p class=\"warnings\">" + html_escape(l.source_warnings) + ": " + names + "</p>\n";
    }
    if (d.entries.empty()) {
        out += "<p class=\"empty\">" + html_escape(no_papers_line(l, d.empty_reason)) + "</p>\n";
    } else {
        out += "<ol class=\"papers\">\n";
        for (const auto& e : d.entries) out += entry_html(e, l);
        out += "</ol>\n";
    }
    return out + "<footer><p>" + html_escape(l.footer) + "</p></footer>\n</article>\n";
}

std::string html_page(const core::digest& d) {
    const std::string day = core::format_ymd(d.date);
    std::string out = head(d.language.empty() ? "en" : d.language, digest_title(labels_for(d.language), d.date));
    out += "<nav><a href=\"/\">Archive</a> · <a href=\"/digests/" + day + ".md\">Markdown</a> · ";
    out += "<a href=\"/digests/" + day + ".json\">JSON</a></nav>\n";
    out += detail::html_article(d);
    return out + std::string(tail);
}

std::string html_index(const std::vector<index_row>& rows, const index_notes& notes) {
    const labels& l = labels_for("en");
    std::string out = head("en", l.title,
                           "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.atom\">\n");
    out += "<h1>" + html_escape(l.title) + "</h1>\n";
    if (!notes.next_digest.empty()) out += "<p class=\"next\">" + html_escape(notes.next_digest) + "</p>\n";
    if (!notes.connect.empty()) out += "<p class=\"connect\">" + html_escape(notes.connect) + "</p>\n";
    if (rows.empty()) {
        out += "<p class=\"empty\">No digests yet.</p>\n";
    } else {
        out += "<table>\n<thead><tr><th>Date</th><th>Profile</th><th>Papers</th><th>Formats</th></tr></thead>\n";
        out += "<tbody>\n";
        for (const auto& r : rows) {
            const std::string path = "/digests/" + core::format_ymd(r.date);
            out += "<tr><td><a href=\"" + path + "\">" + core::format_ymd(r.date) + "</a></td><td>" +
                   html_escape(r.profile) + "</td><td>" + std::to_string(r.papers) + "</td><td><a href=\"" + path +
                   ".md\">Markdown</a> · <a href=\"" + path + ".json\">JSON</a></td></tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    out += "<footer><p><a href=\"/feed.atom\">Atom feed</a></p></footer>\n";
    return out + std::string(tail);
}

}  // namespace paperboy::render
