#include "paperboy/chat/slack/payloads.hpp"

#include <algorithm>

#include "paperboy/json/fields.hpp"
#include "paperboy/chat/slack/form.hpp"

namespace paperboy::chat::slack {
namespace {

using namespace paperboy::json_fields;

std::string field(const std::map<std::string, std::string>& form, const char* key) {
    auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
}

template <class Field>
result<slash_command> slash_command_of(Field get) {
    slash_command c;
    c.team_id = get("team_id");
    c.channel_id = get("channel_id");
    c.user_id = get("user_id");
    c.command = get("command");
    c.text = get("text");
    c.response_url = get("response_url");
    c.trigger_id = get("trigger_id");
    if (c.channel_id.empty()) return error{"slash command: missing channel_id"};
    if (c.command.empty()) return error{"slash command: missing command"};
    return c;
}

}  // namespace

result<slash_command> parse_slash_command(std::string_view form_body) {
    const auto form = parse_form(form_body);
    return slash_command_of([&form](const char* key) { return field(form, key); });
}

result<slash_command> slash_command_from(const json& fields) {
    if (!fields.is_object()) return error{"slash command: not a JSON object"};
    return slash_command_of([&fields](const char* key) { return text_at(fields, key); });
}

result<event> parse_event(std::string_view json_body) {
    const auto doc = json::parse(json_body, nullptr, false);
    if (doc.is_discarded()) return error{"Slack event: invalid JSON"};
    return event_from(doc);
}

result<event> event_from(const json& doc) {
    if (!doc.is_object()) return error{"Slack event: not a JSON object"};
    event e;
    e.type = text_at(doc, "type");
    if (e.type.empty()) return error{"Slack event: missing type"};
    e.team_id = text_at(doc, "team_id");
    e.api_app_id = text_at(doc, "api_app_id");
    if (e.type == "url_verification") {
        e.challenge = text_at(doc, "challenge");
        if (e.challenge.empty()) return error{"Slack url_verification: missing challenge"};
        return e;
    }
    if (e.type != "event_callback") return e;  // app_rate_limited and types we do not know

    const json* inner = object_at(doc, "event");
    if (!inner) return error{"Slack event_callback: missing event"};
    e.event_id = text_at(doc, "event_id");
    e.event_type = text_at(*inner, "type");
    e.subtype = text_at(*inner, "subtype");
    e.channel = text_at(*inner, "channel");
    e.user = text_at(*inner, "user");
    e.bot_id = text_at(*inner, "bot_id");
    e.text = text_at(*inner, "text");
    e.ts = text_at(*inner, "ts");
    e.thread_ts = text_at(*inner, "thread_ts");
    if (const json* auths = array_at(doc, "authorizations"))
        for (const auto& a : *auths)
            if (auto id = text_at(a, "user_id"); !id.empty()) e.authorization_user_ids.push_back(std::move(id));
    return e;
}

result<block_action> parse_interactivity(std::string_view form_body) {
    const auto form = parse_form(form_body);
    auto it = form.find("payload");
    if (it == form.end()) return error{"Slack interactivity: missing payload"};
    return block_action_from(json::parse(it->second, nullptr, false));
}

result<block_action> block_action_from(const json& doc) {
    if (doc.is_discarded() || !doc.is_object()) return error{"Slack interactivity: payload is not a JSON object"};
    if (auto type = text_at(doc, "type"); type != "block_actions")
        return error{"Slack interactivity: unsupported type '" + type.substr(0, 40) + "'"};
    const json* actions = array_at(doc, "actions");
    if (!actions || actions->empty() || !actions->front().is_object())
        return error{"Slack interactivity: no action"};
    const json& action = actions->front();

    block_action a;
    if (const json* user = object_at(doc, "user")) a.user_id = text_at(*user, "id");
    if (const json* team = object_at(doc, "team")) a.team_id = text_at(*team, "id");
    const json* container = object_at(doc, "container");
    if (const json* channel = object_at(doc, "channel")) a.channel_id = text_at(*channel, "id");
    if (container) {
        if (a.channel_id.empty()) a.channel_id = text_at(*container, "channel_id");
        a.message_ts = text_at(*container, "message_ts");
        a.ephemeral = bool_at(*container, "is_ephemeral");
    }
    if (const json* message = object_at(doc, "message")) {
        a.thread_ts = text_at(*message, "thread_ts");
        if (a.message_ts.empty()) a.message_ts = text_at(*message, "ts");
    }
    if (a.thread_ts.empty() && container) a.thread_ts = text_at(*container, "thread_ts");
    a.response_url = text_at(doc, "response_url");
    a.trigger_id = text_at(doc, "trigger_id");
    a.action_id = text_at(action, "action_id");
    a.value = text_at(action, "value");
    return a;
}

api_reply parse_api_reply(std::string_view body) {
    api_reply r;
    const auto doc = json::parse(body, nullptr, false);
    const json* ok = doc.is_discarded() ? nullptr : member(doc, "ok");
    if (!ok || !ok->is_boolean()) {
        r.error = "invalid_response";
        return r;
    }
    r.ok = ok->get<bool>();
    r.error = text_at(doc, "error");
    if (!r.ok && r.error.empty()) r.error = "unknown_error";
    r.ts = text_at(doc, "ts");
    r.channel = text_at(doc, "channel");
    // Slack often reports one warning in both places ("warning" and response_metadata.warnings).
    auto add_warning = [&r](const std::string& w) {
        if (!w.empty() && std::find(r.warnings.begin(), r.warnings.end(), w) == r.warnings.end())
            r.warnings.push_back(w);
    };
    add_warning(text_at(doc, "warning"));
    if (const json* meta = object_at(doc, "response_metadata"))
        if (const json* warnings = array_at(*meta, "warnings"))
            for (const auto& w : *warnings)
                if (w.is_string()) add_warning(w.get_ref<const std::string&>());
    return r;
}

bool is_own_or_ignored(const event& e, std::string_view bot_user_id) {
    if (!e.bot_id.empty()) return true;
    if (!e.subtype.empty() && e.subtype != "thread_broadcast") return true;  // includes bot_message
    if (e.user.empty()) return true;
    return !bot_user_id.empty() && e.user == bot_user_id;
}

}  // namespace paperboy::chat::slack
