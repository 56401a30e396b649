#include "output.hpp"

#include <nlohmann/json.hpp>

#include "paperboy/render/discord.hpp"
#include "paperboy/render/html.hpp"
#include "paperboy/render/json.hpp"
#include "paperboy/render/markdown.hpp"
#include "paperboy/render/slack.hpp"
#include "paperboy/render/text.hpp"

namespace paperboy::app {
namespace {

std::string slack_lines(const std::vector<render::slack_message>& messages) {
    std::string out;
    for (const auto& m : messages) {
        nlohmann::ordered_json j;
        j["text"] = m.text;
        j["blocks"] = nlohmann::json::parse(m.blocks_json);
        out += j.dump() + "\n";
    }
    return out;
}

std::string lines(const std::vector<std::string>& bodies) {
    std::string out;
    for (const auto& b : bodies) out += b + "\n";
    return out;
}

}  // namespace

std::optional<output_format> parse_format(const std::string& name) {
    if (name == "markdown" || name == "md") return output_format::markdown;
    if (name == "html") return output_format::html;
    if (name == "json") return output_format::json;
    if (name == "text") return output_format::text;
    if (name == "slack") return output_format::slack;
    if (name == "discord") return output_format::discord;
    return std::nullopt;
}

std::string render_digest(const core::digest& d, output_format f) {
    switch (f) {
        case output_format::markdown: return render::markdown(d);
        case output_format::html: return render::html_page(d);
        case output_format::json: return render::to_json(d) + "\n";
        case output_format::text: return render::plain_text(d);
        case output_format::slack: return slack_lines(render::slack_digest(d, render::slack_layout::full));
        case output_format::discord: return lines(render::discord_digest(d));
    }
    return {};
}

std::string render_entry(const core::digest_entry& e, const core::digest& context, output_format f) {
    core::digest one = context;
    one.entries = {e};
    switch (f) {
        case output_format::markdown: return render::markdown_entry(e, context.language);
        case output_format::text: return render::plain_text_entry(e, context.language);
        case output_format::slack: return slack_lines(render::slack_entry(e, context.language));
        case output_format::discord: return lines(render::discord_entry(e, context.language));
        case output_format::html: return render::html_page(one);
        case output_format::json: return render::to_json(one) + "\n";
    }
    return {};
}

}  // namespace paperboy::app
