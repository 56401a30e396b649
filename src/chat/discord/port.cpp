#include "paperboy/chat/discord/port.hpp"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include "paperboy/bot/help.hpp"
#include "paperboy/chat/discord/interactions.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/render/discord.hpp"
#include "paperboy/render/labels.hpp"
#include "paperboy/render/split.hpp"

namespace paperboy::chat::discord {

namespace asio = boost::asio;
using asio::awaitable;
using json = nlohmann::json;

namespace {

constexpr const char* hints_key = "paperboy";  // this port's hints inside a payload
constexpr std::size_t max_buttons = 25;        // 5 action rows of 5 (h.6)
constexpr int unknown_channel = 10003, thread_exists = 160004;

json parse(const std::string& payload) {
    auto j = json::parse(payload, nullptr, false);
    return j.is_object() ? j : json::object();
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

send_outcome outcome(send_outcome::status s, std::string error = {}, std::string remote = {}) {
    send_outcome o;
    o.what = s;
    o.error = std::move(error);
    o.remote_id = std::move(remote);
    return o;
}

// What a REST answer means for an outbox row (find_sent decides whether an unclear one is re-sent).
send_outcome outcome_of(const result<rest_reply>& r) {
    if (!r) {
        const auto kind = net::failure_of(r.err());
        return outcome(net::may_have_arrived(kind) ? send_outcome::status::unclear : send_outcome::status::retry,
                       net::to_string(kind));
    }
    if (r->ok()) return outcome(send_outcome::status::sent, "", r->body.is_object() ? r->body.value("id", "") : "");
    if (r->status == 429) {
        auto o = outcome(send_outcome::status::retry, describe(*r));
        o.retry_after = r->retry_after;
        return o;
    }
    if (!r->sent) return outcome(send_outcome::status::failed, describe(*r));
    if (r->status >= 500) return outcome(send_outcome::status::unclear, describe(*r));
    return outcome(send_outcome::status::failed, describe(*r));
}

std::string message_text(std::string_view text) { return render::truncate_text(text, render::discord_max_content); }

// A row of Summary buttons per five papers on the digest's first message.
json summary_buttons(const core::digest& d) {
    const auto& l = render::labels_for(d.language);
    json rows = json::array();
    std::size_t buttons = 0;
    for (const auto& e : d.entries) {
        if (buttons == max_buttons) break;
        auto id = format_custom_id({core::format_ymd(d.date), e.number, e.paper.arxiv_id, d.profile});
        if (!id) continue;
        if (rows.empty() || rows.back()["components"].size() == 5)
            rows.push_back({{"type", 1}, {"components", json::array()}});
        rows.back()["components"].push_back(
            {{"type", 2}, {"style", 2}, {"label", std::string(l.summary_button) + " " + std::to_string(e.number)},
             {"custom_id", *id}});
        ++buttons;
    }
    return rows;
}

}  // namespace

std::string nonce_of(const std::string& idempotency_key) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(idempotency_key.data(), idempotency_key.size(), digest, &n, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n && out.size() < 25; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    out.resize(25);
    return out;
}

discord_port::discord_port(rest_client& rest, const core::clock& clock) : rest_(rest), clock_(clock) {}

bool discord_port::delivers(const std::string& outbox_platform) const {
    return outbox_platform == "discord" || outbox_platform == interaction_platform;
}

std::vector<std::string> discord_port::digest_messages(const core::digest& d, const std::string&) const {
    auto messages = render::discord_digest(d);
    if (messages.empty() || d.entries.empty()) return messages;
    auto first = parse(messages.front());
    first["components"] = summary_buttons(d);
    messages.front() = dump(first);
    return messages;
}

std::vector<std::string> discord_port::thread_messages(const core::digest& d) const {
    const std::string name =
        render::truncate_text(render::digest_title(render::labels_for(d.language), d.date), 100);
    std::vector<std::string> out;
    for (const auto& e : d.entries)
        for (auto& m : render::discord_entry(e, d.language)) {
            auto j = parse(m);
            j[hints_key]["thread_name"] = name;
            out.push_back(dump(j));
        }
    return out;
}

std::vector<std::string> discord_port::entry_messages(const core::digest_entry& e, const std::string& language) const {
    return render::discord_entry(e, language);
}

std::string discord_port::text_message(const std::string& text) const {
    return dump(json{{"content", message_text(text)}, {"allowed_mentions", {{"parse", json::array()}}}});
}

std::optional<store::outbox_item> discord_port::private_row(const std::string& address, const std::string& payload,
                                                            bool visible, std::size_t index) const {
    if (!parse_address(address)) return std::nullopt;
    auto j = parse(payload);
    if (!visible) j["flags"] = 64;  // EPHEMERAL
    j[hints_key]["index"] = index;
    store::outbox_item row;
    row.platform = interaction_platform;
    row.channel = address;
    row.payload = dump(j);
    return row;
}

std::string discord_port::answering(std::string payload, const std::string& private_reply, std::size_t index) const {
    auto address = parse_address(private_reply);
    if (!address || !address->deferred_message || index != 0) return payload;
    auto j = parse(payload);
    j[hints_key]["interaction"] = private_reply;
    return dump(j);
}

std::string discord_port::failure_note(const std::string& error, const std::string& language) const {
    const bool ja = bot::is_japanese(language);
    std::string why;
    if (error.rfind("50001", 0) == 0 || error.rfind("50013", 0) == 0)
        why = ja ? "paperboy にこのチャンネルでの権限がありません（メッセージ送信・スレッド作成・埋め込みリンク）。"
                 : "paperboy lacks permissions here (Send Messages, Send Messages in Threads, Create Public "
                   "Threads, Embed Links).";
    else if (error.rfind("10003", 0) == 0)
        why = ja ? "チャンネルが見つかりません。" : "the channel was not found.";
    else if (error.find("expired") != std::string::npos)
        why = ja ? "応答の期限（15 分）が過ぎました。" : "the interaction's 15 minutes ran out.";
    else
        why = ja ? "Discord が投稿を受け付けませんでした。" : "Discord did not accept the message.";
    return (ja ? "ここに投稿できませんでした（" + error + "）: " : "Could not post here (" + error + "): ") + why;
}

awaitable<send_outcome> discord_port::send(store::outbox_item item) {
    auto body = json::parse(item.payload, nullptr, false);
    if (!body.is_object()) co_return outcome(send_outcome::status::failed, "unreadable outbox payload");
    json hints = body.contains(hints_key) ? body[hints_key] : json::object();
    body.erase(hints_key);
    body["allowed_mentions"] = {{"parse", json::array()}};
    const auto now_ms = clock_.now_ms();
    const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(interaction_window).count();

    if (item.platform == interaction_platform) {
        auto address = parse_address(item.channel);
        if (!address) co_return outcome(send_outcome::status::failed, "unreadable interaction address");
        if (now_ms - address->received_ms > window_ms)
            co_return outcome(send_outcome::status::failed, "interaction expired");
        const bool original = address->deferred_message && hints.value("index", 1) == 0;
        co_return co_await post_to_webhook(*address, original, std::move(body));
    }
    if (hints.contains("interaction") && hints["interaction"].is_string()) {
        auto address = parse_address(hints["interaction"].get<std::string>());
        if (address && now_ms - address->received_ms <= window_ms) {
            auto o = co_await post_to_webhook(*address, true, body);
            // A token Discord no longer knows: post in the channel instead, if we may.
            if (o.what != send_outcome::status::failed || !rest_.has_token()) co_return o;
            spdlog::info("discord: the interaction's response could not be edited ({}); posting in the channel", o.error);
        }
    }
    if (!rest_.has_token()) co_return outcome(send_outcome::status::failed, "no DISCORD_BOT_TOKEN configured");
    co_return co_await post_in_channel(item, std::move(body), hints.value("thread_name", ""));
}

awaitable<send_outcome> discord_port::post_to_webhook(webhook_address address, bool original, json body) {
    const std::string base = "/webhooks/" + address.application_id + "/" + address.token;
    if (original) {
        body.erase("flags");  // an edit cannot make the response ephemeral (the deferral decided that)
        auto r = co_await rest_.call("PATCH", base + "/messages/@original", dump(body), false);
        co_return outcome_of(r);  // an edit repeated is the same edit
    }
    auto r = co_await rest_.call("POST", base + "?wait=true", dump(body), false);
    co_return outcome_of(r);
}

awaitable<bool> discord_port::start_thread(const std::string& channel, const std::string& message,
                                           const std::string& name) {
    json body{{"name", name.empty() ? std::string("paperboy") : name}, {"auto_archive_duration", 1440}};
    auto r = co_await rest_.call("POST", "/channels/" + channel + "/messages/" + message + "/threads", dump(body));
    if (r && (r->ok() || r->code == thread_exists)) co_return true;
    spdlog::warn("discord: could not start a thread on message {} in {}: {}", message, channel,
                 r ? describe(*r) : r.err().message);
    co_return false;
}

awaitable<send_outcome> discord_port::post_in_channel(const store::outbox_item& item, json body,
                                                      const std::string& thread_name) {
    body["nonce"] = nonce_of(item.idempotency_key);
    body["enforce_nonce"] = true;
    const std::string target = item.thread.empty() ? item.channel : item.thread;
    const std::string payload = dump(body);
    auto r = co_await rest_.call("POST", "/channels/" + target + "/messages", payload);
    // A thread under a message exists once started from it (its id is the message's).
    if (!item.thread.empty() && r && r->status == 404 && r->code == unknown_channel) {
        std::string name = thread_name;
        if (name.empty() && body.contains("embeds") && body["embeds"].is_array() && !body["embeds"].empty())
            name = render::truncate_text(body["embeds"][0].value("title", ""), 100);
        if (co_await start_thread(item.channel, item.thread, name))
            r = co_await rest_.call("POST", "/channels/" + target + "/messages", payload);
    }
    co_return outcome_of(r);
}

awaitable<result<lookup>> discord_port::find_sent(store::outbox_item item) {
    // Channel posts carry an enforced nonce and edits of a response are the same edit again: sending
    // once more returns, or makes, the one message. A follow-up has no such key: it cannot be told.
    if (item.platform == interaction_platform) {
        auto hints = parse(item.payload).value(hints_key, json::object());
        auto address = parse_address(item.channel);
        if (address && address->deferred_message && hints.value("index", 1) == 0) co_return lookup{lookup::status::absent, {}};
        co_return lookup{lookup::status::cannot_tell, {}};
    }
    co_return lookup{lookup::status::absent, {}};
}

}  // namespace paperboy::chat::discord
