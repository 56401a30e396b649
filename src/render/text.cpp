#include "paperboy/render/text.hpp"

#include "paperboy/render/format.hpp"
#include "paperboy/render/labels.hpp"

namespace paperboy::render {
namespace {

// Later lines of a multi-line summary are indented under its label; blank lines stay empty.
std::string indented(std::string_view text, const std::string& indent) {
    std::string out;
    bool line_start = false;
    for (char c : text) {
        if (c == '\r') continue;
        if (line_start && c != '\n') out += indent;
        out += c;
        line_start = c == '\n';
    }
    return out;
}

}  // namespace

std::string plain_text_entry(const core::digest_entry& e, const std::string& language) {
    const labels& l = labels_for(language);
    const core::paper& p = e.paper;
    const std::string number = std::to_string(e.number) + ". ";
    const std::string indent(number.size(), ' ');
    const auto field = [&](std::string_view label, std::string_view value) {
        return indent + std::string(label) + ": " + indented(value, indent) + "\n";
    };
    std::string out = number + p.title + "\n";
    if (!p.authors.empty()) out += field(l.authors, format_authors(p.authors));
    std::string meta;
    for (const auto& part : meta_parts(p, l))
        meta += (meta.empty() ? "" : " · ") + std::string(part.label) + ": " + part.value;
    if (!meta.empty()) out += indent + meta + "\n";
    if (!e.summary.text.empty()) out += field(l.summary, e.summary.text);
    if (!e.summary.note.empty()) out += field(l.note, e.summary.note);
    if (!p.abstract.empty()) out += field(l.original_abstract, p.abstract);
    return out;
}

std::string plain_text(const core::digest& d) {
    const labels& l = labels_for(d.language);
    std::string out = digest_title(l, d.date) + "\n\n";
    if (!d.source_warnings.empty()) {
        out += std::string(l.source_warnings) + ": ";
        for (std::size_t i = 0; i < d.source_warnings.size(); ++i) out += (i ? ", " : "") + d.source_warnings[i];
        out += "\n\n";
    }
    if (d.entries.empty()) out += no_papers_line(l, d.empty_reason) + "\n\n";
    for (const auto& e : d.entries) out += plain_text_entry(e, d.language) + "\n";
    out += std::string(l.footer) + "\n";
    return out;
}

}  // namespace paperboy::render
