#include "paperboy/render/discord.hpp"

#include <nlohmann/json.hpp>

#include "paperboy/render/format.hpp"
#include "paperboy/render/labels.hpp"
#include "paperboy/render/split.hpp"

namespace paperboy::render {
namespace {

using ojson = nlohmann::ordered_json;

constexpr int arxiv_red = 0xB31B1B;
constexpr std::size_t max_note = 300;

bool escaped(char c) {
    return c == '\\' || c == '*' || c == '_' || c == '~' || c == '`' || c == '|' || c == '[' || c == ']' ||
           c == '<' || c == '>' || c == '#';
}

std::size_t escaped_cost(char32_t c) { return c < 0x80 && escaped(static_cast<char>(c)) ? 2 : utf16_cost(c); }

// `raw` escaped and cut so the escaped text costs at most `max_length`.
std::string fit(std::string_view raw, std::size_t max_length) {
    return discord_escape(truncate_text(raw, max_length, escaped_cost));
}

// An embed and the characters it counts against the per-message total.
struct embed {
    ojson json = ojson::object();
    std::size_t length = 0;

    void set(const char* key, std::string text) {
        length += text_length(text);
        json[key] = std::move(text);
    }
    void field(std::string_view name, std::string value, bool is_inline) {
        if (value.empty()) return;  // Discord rejects empty field values
        length += text_length(name) + text_length(value);
        json["fields"].push_back({{"name", name}, {"value", std::move(value)}, {"inline", is_inline}});
    }
    void footer(std::string_view text) {
        length += text_length(text);
        json["footer"] = {{"text", text}};
    }
};

embed paper_embed(const core::digest_entry& e, const labels& l) {
    const core::paper& p = e.paper;
    embed out;
    out.set("title", truncate_text(std::to_string(e.number) + ". " + p.title, discord_max_title));
    if (const auto url = paper_url(p); !url.empty()) out.json["url"] = url;
    out.json["color"] = arxiv_red;
    out.field(l.authors, fit(format_authors(p.authors), discord_max_field), false);
    for (const auto& part : meta_parts(p, l)) out.field(part.label, fit(part.value, 200), true);
    return out;
}

std::string note_line(const core::summary& s, const labels& l, std::size_t max_length) {
    if (s.note.empty()) return {};
    return "\n\n⚠️ **" + discord_escape(l.note) + ":** " + fit(s.note, max_length);
}

// Fills messages in order with whole embeds under the count and total limits.
std::vector<std::string> pack(std::vector<embed> embeds, const std::vector<std::string>& contents) {
    std::vector<ojson> arrays;
    std::size_t total = 0;
    for (auto& e : embeds) {
        if (arrays.empty() || arrays.back().size() >= discord_max_embeds || total + e.length > discord_max_embed_total) {
            arrays.push_back(ojson::array());
            total = 0;
        }
        arrays.back().push_back(std::move(e.json));
        total += e.length;
    }
    if (arrays.empty()) arrays.push_back(ojson::array());
    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < arrays.size(); ++i) {
        ojson body;
        const std::string& content = contents[std::min(i, contents.size() - 1)];
        if (!content.empty()) body["content"] = truncate_text(content, discord_max_content);
        body["embeds"] = std::move(arrays[i]);
        body["allowed_mentions"] = {{"parse", ojson::array()}};
        bodies.push_back(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return bodies;
}

}  // namespace

std::string discord_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (escaped(c)) out += '\\';
        out += c;
    }
    return out;
}

std::vector<std::string> discord_digest(const core::digest& d) {
    const labels& l = labels_for(d.language);
    const std::string title = "**" + discord_escape(digest_title(l, d.date)) + "**";
    std::string warnings;
    if (!d.source_warnings.empty()) {
        std::string names;
        for (const auto& w : d.source_warnings) names += (names.empty() ? "" : ", ") + w;
        warnings = "\n⚠️ " + discord_escape(l.source_warnings) + ": " + fit(names, 1000);
    }
    if (d.entries.empty())
        return pack({}, {title + warnings + "\n" + fit(no_papers_line(l, d.empty_reason), 500) + "\n" +
                         discord_escape(l.footer)});

    std::vector<embed> embeds;
    for (const auto& e : d.entries) {
        embed out = paper_embed(e, l);
        const std::string text = fit(e.summary.text, discord_digest_summary) + note_line(e.summary, l, max_note);
        if (!text.empty()) out.set("description", text);
        embeds.push_back(std::move(out));
    }
    embeds.back().footer(l.footer);
    // Every message of a split digest carries the title and its position, so it reads as one.
    const std::size_t messages = pack(embeds, {""}).size();
    std::vector<std::string> contents;
    for (std::size_t i = 1; i <= messages; ++i) {
        std::string content = title;
        if (messages > 1) content += " (" + std::to_string(i) + "/" + std::to_string(messages) + ")";
        contents.push_back(i == 1 ? content + warnings : content);
    }
    return pack(std::move(embeds), contents);
}

std::vector<std::string> discord_entry(const core::digest_entry& e, const std::string& language) {
    const labels& l = labels_for(language);
    const core::paper& p = e.paper;
    std::vector<embed> embeds{paper_embed(e, l)};
    std::string links;
    if (const auto pdf = pdf_url(p); !pdf.empty()) links += "[PDF](" + pdf + ")";
    if (const auto code = github_url(p); !code.empty())
        links += std::string(links.empty() ? "" : " · ") + "[GitHub](" + code + ")";
    if (links.size() <= discord_max_field) embeds.front().field(l.links, links, false);
    if (!e.summary.note.empty())
        embeds.front().field(l.note, "⚠️ " + fit(e.summary.note, discord_max_field - 10), false);

    // Long texts continue in further embeds; the first piece of each goes under its heading.
    const auto add_text = [&](std::string_view heading, std::string_view raw, bool into_first) {
        bool first_piece = true;
        for (const auto& piece : split_text(raw, discord_max_description - 100, escaped_cost)) {
            if (piece.find_first_not_of(" \t\r\n") == std::string::npos) continue;
            std::string text = discord_escape(piece);
            if (first_piece) text = "**" + discord_escape(heading) + "**\n" + text;
            // The paper's own embed takes the first piece only while it stays under the total.
            if (!(first_piece && into_first) || embeds.back().length + text_length(text) > discord_max_embed_total)
                embeds.push_back({});
            embeds.back().json["color"] = arxiv_red;
            embeds.back().set("description", std::move(text));
            first_piece = false;
        }
    };
    add_text(l.summary, e.summary.text, true);
    add_text(l.original_abstract, p.abstract, false);
    return pack(std::move(embeds), {""});
}

}  // namespace paperboy::render
