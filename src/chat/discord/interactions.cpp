#include "paperboy/chat/discord/interactions.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace paperboy::chat::discord {
namespace {

using json = nlohmann::json;

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_thread_type(const json& channel) {
    auto t = channel.find("type");
    return t != channel.end() && t->is_number_integer() && *t >= 10 && *t <= 12;
}

// One option's value as the text a Slack user would have typed.
std::string option_text(const json& option) {
    auto v = option.find("value");
    if (v == option.end()) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_integer()) return std::to_string(v->get<long long>());
    return {};
}

// The sub-command and its options as /papers text, in the order parse_command reads them.
std::string command_text(const json& data) {
    auto options = data.find("options");
    if (options == data.end() || !options->is_array() || options->empty()) return "";
    const json& sub = options->front();
    if (!sub.is_object()) return "";
    std::string text = str(sub, "name");
    if (text == "today") return "today";
    auto given = sub.find("options");
    if (given == sub.end() || !given->is_array()) return text;
    // Values are appended in the order the command declares them (Discord keeps the user's order).
    static const char* order[] = {"date", "id", "setting", "value", "time", "zone", "language", "days"};
    for (const char* name : order)
        for (const auto& o : *given)
            if (o.is_object() && str(o, "name") == name) {
                const auto value = option_text(o);
                if (!value.empty()) text += " " + value;
            }
    return text;
}

}  // namespace

std::optional<interaction> parse_interaction(std::string_view body) {
    auto j = json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("type") || !j["type"].is_number_integer()) return std::nullopt;
    interaction i;
    i.type = j["type"].get<int>();
    i.id = str(j, "id");
    i.application_id = str(j, "application_id");
    i.token = str(j, "token");
    if (i.id.empty() || (i.type != 1 && i.token.empty())) return std::nullopt;
    i.guild_id = str(j, "guild_id");
    i.channel_id = str(j, "channel_id");
    if (auto c = j.find("channel"); c != j.end() && c->is_object()) {
        if (i.channel_id.empty()) i.channel_id = str(*c, "id");
        if (is_thread_type(*c)) i.thread_parent = str(*c, "parent_id");
    }
    if (auto m = j.find("member"); m != j.end() && m->is_object() && m->contains("user") && (*m)["user"].is_object())
        i.user_id = str((*m)["user"], "id");
    else if (auto u = j.find("user"); u != j.end() && u->is_object())
        i.user_id = str(*u, "id");
    i.locale = str(j, "locale");
    if (i.locale.empty()) i.locale = str(j, "guild_locale");
    if (auto d = j.find("data"); d != j.end() && d->is_object()) {
        i.command_name = str(*d, "name");
        if (i.type == 2) i.command_text = command_text(*d);
        i.custom_id = str(*d, "custom_id");
    }
    if (auto m = j.find("message"); m != j.end() && m->is_object()) {
        i.message_id = str(*m, "id");
        i.message_channel = str(*m, "channel_id");
    }
    return i;
}

std::string format_address(const webhook_address& a) {
    return a.application_id + "/" + std::to_string(a.received_ms) + "/" + (a.deferred_message ? "c" : "u") + "/" +
           a.token;
}

std::optional<webhook_address> parse_address(std::string_view address) {
    std::string_view parts[3];
    for (auto& part : parts) {
        const auto slash = address.find('/');
        if (slash == std::string_view::npos || slash == 0) return std::nullopt;
        part = address.substr(0, slash);
        address.remove_prefix(slash + 1);
    }
    webhook_address a;
    a.application_id = std::string(parts[0]);
    const auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), a.received_ms);
    if (ec != std::errc{} || end != parts[1].data() + parts[1].size()) return std::nullopt;
    if (parts[2] != "c" && parts[2] != "u") return std::nullopt;
    a.deferred_message = parts[2] == "c";
    a.token = std::string(address);
    if (a.token.empty()) return std::nullopt;
    return a;
}

bot::conversation conversation_of(const interaction& i, std::int64_t received_ms, bool deferred_message) {
    bot::conversation c;
    c.platform = "discord";
    c.workspace = i.guild_id;
    c.channel = i.thread_parent.empty() ? i.channel_id : i.thread_parent;
    c.thread = i.thread_parent.empty() ? "" : i.channel_id;
    c.user = i.user_id;
    c.locale = i.locale;
    c.private_reply = format_address({i.application_id, i.token, received_ms, deferred_message});
    return c;
}

std::string papers_command_definitions() {
    auto string_option = [](const char* name, const char* description, bool required, int max_length) {
        return json{{"type", 3}, {"name", name}, {"description", description}, {"required", required},
                    {"max_length", max_length}};
    };
    auto sub = [](const char* name, const char* description, json options = json::array()) {
        return json{{"type", 1}, {"name", name}, {"description", description}, {"options", std::move(options)}};
    };
    json setting = string_option("setting", "The setting to change", false, 16);
    setting["choices"] = json::array({{{"name", "language"}, {"value", "language"}},
                                      {{"name", "profile"}, {"value", "profile"}},
                                      {{"name", "layout"}, {"value", "layout"}}});
    json days = string_option("days", "daily, weekdays (default) or a list such as mon,wed,fri", false, 40);
    json command = {
        {"name", "papers"},
        {"type", 1},
        {"description", "Notable LLM research papers: today's digest, one paper, morning digests"},
        {"contexts", json::array({0})},
        {"options",
         json::array({sub("today", "Today's digest for this channel"),
                      sub("yesterday", "Yesterday's digest"),
                      sub("date", "The digest of one day", json::array({string_option("date", "YYYY-MM-DD", true, 10)})),
                      sub("paper", "One paper's full summary",
                          json::array({string_option("id", "An arXiv id or arxiv.org URL", true, 200)})),
                      sub("subscribe", "A digest in this channel every morning",
                          json::array({string_option("time", "HH:MM (default 08:00)", false, 5),
                                       string_option("zone", "IANA time zone, e.g. Asia/Tokyo", false, 64),
                                       string_option("language", "en, ja, ...", false, 16), days})),
                      sub("unsubscribe", "Stop the morning digest in this channel"),
                      sub("settings", "Show or change this channel's settings",
                          json::array({setting, string_option("value", "The new value", false, 64)})),
                      sub("help", "How to use /papers")})}};
    return json::array({command}).dump();
}

std::optional<std::string> format_custom_id(const summary_button& b) {
    std::string id = "sum|" + b.day + "|" + std::to_string(b.number) + "|" + b.arxiv_id + "|" + b.profile;
    if (id.size() > 100) return std::nullopt;
    return id;
}

std::optional<summary_button> parse_custom_id(std::string_view custom_id) {
    if (custom_id.substr(0, 4) != "sum|") return std::nullopt;
    std::string_view rest = custom_id.substr(4);
    summary_button b;
    std::string_view parts[3];
    for (auto& part : parts) {
        const auto bar = rest.find('|');
        if (bar == std::string_view::npos) return std::nullopt;
        part = rest.substr(0, bar);
        rest = rest.substr(bar + 1);
    }
    b.day = std::string(parts[0]);
    const auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), b.number);
    if (ec != std::errc{} || end != parts[1].data() + parts[1].size() || b.number <= 0 || b.day.size() != 10)
        return std::nullopt;
    b.arxiv_id = std::string(parts[2]);
    b.profile = std::string(rest);  // last: a profile may contain '|'
    if (b.arxiv_id.empty() || b.profile.empty()) return std::nullopt;
    return b;
}

}  // namespace paperboy::chat::discord
