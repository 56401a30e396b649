#pragma once
// What Slack sends, for the Slack component tests: form and JSON bodies in Slack's shapes
// (external-apis.md f.2-f.4), signed the way Slack signs them (f.1), sent over a real socket with a
// synchronous Beast client.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "paperboy/chat/slack/signature.hpp"

namespace paperboy::test::slack {

// One answer of the server, and how long it took to come.
struct reply {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::chrono::milliseconds elapsed{0};
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// POSTs `body` to 127.0.0.1:port with the given headers and reads the answer (one connection each).
inline reply http_post(unsigned short port, const std::string& path, const std::string& body,
                       const std::vector<std::pair<std::string, std::string>>& headers) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket(ioc);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> req{http::verb::post, path, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::user_agent, "Slackbot 1.0 (+https://api.slack.com/robots)");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    const auto start = std::chrono::steady_clock::now();
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    reply r;
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    r.status = res.result_int();
    r.content_type = std::string(res[http::field::content_type]);
    r.body = res.body();
    boost::system::error_code ignored;
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    return r;
}

// application/x-www-form-urlencoded component, as Slack encodes it.
inline std::string form_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// The headers Slack signs a request with at `timestamp` (unix seconds).
inline std::vector<std::pair<std::string, std::string>> slack_headers(const std::string& secret, long long timestamp,
                                                                      const std::string& body,
                                                                      const std::string& content_type) {
    const std::string ts = std::to_string(timestamp);
    return {{"Content-Type", content_type},
            {"X-Slack-Request-Timestamp", ts},
            {"X-Slack-Signature", chat::slack::sign(secret, ts, body)}};
}

inline long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A /papers invocation (f.2), fields in the order Slack sends them.
inline std::string slash_command_body(const std::string& text, const std::string& channel,
                                      const std::string& response_url, const std::string& trigger_id) {
    return "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&channel_id=" + channel +
           "&channel_name=papers&user_id=U2147483697&user_name=steve&command=%2Fpapers&text=" + form_encode(text) +
           "&api_app_id=A123ABC456&is_enterprise_install=false&response_url=" + form_encode(response_url) +
           "&trigger_id=" + form_encode(trigger_id);
}

// An event_callback envelope shaped like the recording events_api_event_callback_message.json; the
// app's own user (authorizations[0].user_id) is `bot_user`.
inline nlohmann::json event_envelope(const std::string& event_id, nlohmann::json event, const std::string& bot_user) {
    return {{"token", "CqCsBJmXoNSHaNCt3wGWYSEe"},
            {"team_id", "T06NRA6HM3P"},
            {"context_team_id", "T06NRA6HM3P"},
            {"context_enterprise_id", nullptr},
            {"api_app_id", "A0757RM31HN"},
            {"event", std::move(event)},
            {"type", "event_callback"},
            {"event_id", event_id},
            {"event_time", 1719209506},
            {"authorizations",
             {{{"enterprise_id", nullptr},
               {"team_id", "T06NRA6HM3P"},
               {"user_id", bot_user},
               {"is_bot", true},
               {"is_enterprise_install", false}}}},
            {"is_ext_shared_channel", false},
            {"event_context", "4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMDZOUkE2SE0zUCJ9"}};
}

// A message (or app_mention) event; `thread_ts` empty for a channel message.
inline nlohmann::json message_event(const std::string& type, const std::string& channel, const std::string& thread_ts,
                                    const std::string& text, const std::string& user, const std::string& ts) {
    nlohmann::json e = {{"user", user},       {"type", type},
                        {"ts", ts},           {"client_msg_id", "7cc3cc17-2fed-4356-b3c2-" + ts.substr(ts.size() - 6)},
                        {"text", text},       {"team", "T06NRA6HM3P"},
                        {"channel", channel}, {"event_ts", ts}};
    if (type == "message") e["channel_type"] = "channel";
    if (!thread_ts.empty()) {
        e["thread_ts"] = thread_ts;
        e["parent_user_id"] = "UBOT";
    }
    return e;
}

// A block_actions payload for a button on a channel message, shaped like the recording
// interactivity_block_actions.form.txt, as the form body Slack posts ("payload=" + URL-encoded JSON).
inline std::string block_actions_body(const std::string& channel, const std::string& message_ts,
                                      const std::string& action_id, const std::string& block_id,
                                      const std::string& value, const std::string& response_url,
                                      const std::string& trigger_id) {
    const nlohmann::json payload = {
        {"type", "block_actions"},
        {"team", {{"id", "T0B0XJCTC"}, {"domain", "madetechteam"}}},
        {"user", {{"id", "UHN295AA0"}, {"username", "tony"}, {"name", "tony"}, {"team_id", "T0B0XJCTC"}}},
        {"api_app_id", "ANSD6N533"},
        {"token", "ceHc4m6dPr63SPqswlFQsfhD"},
        {"container",
         {{"type", "message"}, {"message_ts", message_ts}, {"channel_id", channel}, {"is_ephemeral", false}}},
        {"trigger_id", trigger_id},
        {"channel", {{"id", channel}, {"name", "papers"}}},
        {"message",
         {{"type", "message"}, {"user", "UBOT"}, {"bot_id", "BBOT"}, {"ts", message_ts}, {"text", "digest"}}},
        {"response_url", response_url},
        {"actions",
         {{{"action_id", action_id},
           {"block_id", block_id},
           {"text", {{"type", "plain_text"}, {"text", "Summary"}, {"emoji", true}}},
           {"value", value},
           {"type", "button"},
           {"action_ts", "1572428585.731525"}}}},
    };
    return "payload=" + form_encode(payload.dump());
}

}  // namespace paperboy::test::slack
