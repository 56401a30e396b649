#include "paperboy/render/markdown.hpp"

#include "paperboy/render/format.hpp"
#include "paperboy/render/labels.hpp"

namespace paperboy::render {
namespace {

// Link targets: parentheses and spaces would end the Markdown link early.
std::string markdown_url(std::string_view url) {
    std::string out;
    for (char c : url) {
        if (c == '(') out += "%28";
        else if (c == ')') out += "%29";
        else if (c == ' ') out += "%20";
        else out += c;
    }
    return out;
}

// Escaped text whose later lines are indented to stay inside the list item.
std::string markdown_block(std::string_view text, const std::string& indent) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t nl = text.find('\n', start);
        std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (start > 0) out += line.empty() ? "\n" : "\n" + indent;
        out += markdown_escape(line);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

}  // namespace

std::string markdown_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' ||
            c == '#')
            out += '\\';
        out += c;
    }
    return out;
}

std::string markdown_entry(const core::digest_entry& e, const std::string& language) {
    const labels& l = labels_for(language);
    const core::paper& p = e.paper;
    const std::string url = markdown_url(paper_url(p));
    const std::string number = std::to_string(e.number) + ". ";
    const std::string indent(number.size(), ' ');  // "10. " needs four spaces to nest
    const std::string item = indent + "- ";
    const std::string inner = indent + "  ";
    const auto field = [&](std::string_view label) { return item + "**" + std::string(label) + ":** "; };

    std::string out = number + "**[" + markdown_escape(p.title) + "](" + url + ")**\n";
    if (!p.authors.empty()) out += field(l.authors) + markdown_escape(format_authors(p.authors)) + "\n";
    std::string meta;
    for (const auto& part : meta_parts(p, l)) {
        if (!meta.empty()) meta += " · ";
        meta += "**" + std::string(part.label) + ":** ";
        meta += part.is_arxiv_id ? "[" + markdown_escape(part.value) + "](" + url + ")" : markdown_escape(part.value);
    }
    if (!meta.empty()) out += item + meta + "\n";
    if (!e.summary.text.empty()) out += field(l.summary) + markdown_block(e.summary.text, inner) + "\n";
    if (!e.summary.note.empty()) out += field(l.note) + markdown_block(e.summary.note, inner) + "\n";
    if (!p.abstract.empty()) out += field(l.original_abstract) + markdown_block(p.abstract, inner) + "\n";
    return out;
}

std::string markdown(const core::digest& d) {
    const labels& l = labels_for(d.language);
    std::string out = "# " + markdown_escape(digest_title(l, d.date)) + "\n\n";
    if (!d.source_warnings.empty()) {
        out += "_" + std::string(l.source_warnings) + ": ";
        for (std::size_t i = 0; i < d.source_warnings.size(); ++i)
            out += (i ? ", " : "") + markdown_escape(d.source_warnings[i]);
        out += "_\n\n";
    }
    if (d.entries.empty()) out += markdown_escape(no_papers_line(l, d.empty_reason)) + "\n\n";
    for (std::size_t i = 0; i < d.entries.size(); ++i) out += markdown_entry(d.entries[i], d.language) + "\n";
    out += "---\n\n" + std::string(l.footer) + "\n";
    return out;
}

}  // namespace paperboy::render
