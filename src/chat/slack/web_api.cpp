#include "paperboy/chat/slack/web_api.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "paperboy/core/text.hpp"

namespace paperboy::chat::slack {
namespace {

using json = nlohmann::json;

void add_blocks(json& body, std::string_view blocks_json) {
    if (blocks_json.empty()) return;
    auto blocks = json::parse(blocks_json, nullptr, false);
    if (blocks.is_discarded() || !blocks.is_array())
        throw std::invalid_argument("Slack message: blocks are not a JSON array");
    body["blocks"] = std::move(blocks);
}

std::string dump(const json& body) {
    // Replace, not throw, on invalid UTF-8: a cut inside a character must not lose the message.
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

struct authority {
    std::string host;  // lower-case; "[::1]" keeps its brackets
    std::optional<unsigned> port;
};

// "host", "host:port", "[v6]", "[v6]:port" → parts; nothing when malformed.
std::optional<authority> parse_authority(std::string_view text) {
    authority a;
    std::string_view host = text, port;
    if (text.starts_with('[')) {
        auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = text.substr(0, close + 1);
        auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port = rest.substr(1);
            if (port.empty()) return std::nullopt;
        }
        auto inside = host.substr(1, host.size() - 2);
        if (inside.empty() || !std::all_of(inside.begin(), inside.end(), [](char c) {
                return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
            }))
            return std::nullopt;
    } else {
        auto colon = text.find(':');
        if (colon != std::string_view::npos) {
            host = text.substr(0, colon);
            port = text.substr(colon + 1);
            if (port.empty()) return std::nullopt;
        }
        if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
            }))
            return std::nullopt;
    }
    if (!port.empty()) {
        if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        unsigned value = 0;
        for (char c : port) value = value * 10 + static_cast<unsigned>(c - '0');
        if (value == 0 || value > 65535) return std::nullopt;
        a.port = value;
    }
    a.host = core::ascii_lower(host);
    return a;
}

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "[::1]"; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string post_message_body(std::string_view channel, std::string_view text, std::string_view blocks_json,
                              std::string_view thread_ts) {
    json body = json::object();
    body["channel"] = std::string(channel);
    body["text"] = std::string(text);
    add_blocks(body, blocks_json);
    if (!thread_ts.empty()) body["thread_ts"] = std::string(thread_ts);
    body["unfurl_links"] = false;
    body["unfurl_media"] = false;
    return dump(body);
}

std::string response_url_body(std::string_view text, std::string_view blocks_json, bool in_channel) {
    json body = json::object();
    body["response_type"] = in_channel ? "in_channel" : "ephemeral";
    body["text"] = std::string(text);
    add_blocks(body, blocks_json);
    body["replace_original"] = false;
    return dump(body);
}

bool response_url_allowed(std::string_view url, const std::vector<std::string>& allowed_hosts) {
    if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }))
        return false;
    const std::string lower_url = core::ascii_lower(url.substr(0, 8));
    bool https = false;
    if (lower_url.starts_with("https://")) {
        https = true;
        url.remove_prefix(8);
    } else if (lower_url.starts_with("http://")) {
        url.remove_prefix(7);
    } else {
        return false;
    }
    const auto end = url.find_first_of("/?#");
    const auto target = parse_authority(url.substr(0, end));  // '@' (user info) fails the host check
    if (!target) return false;

    for (const auto& entry_text : allowed_hosts) {
        const auto entry = parse_authority(trim(entry_text));
        if (!entry || entry->host != target->host) continue;
        if (https) {
            const unsigned port = target->port.value_or(443);
            if (entry->port.value_or(443) == port) return true;
        } else if (entry->port && target->port && *entry->port == *target->port && is_loopback(target->host)) {
            return true;
        }
    }
    return false;
}

}  // namespace paperboy::chat::slack
