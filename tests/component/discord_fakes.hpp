#pragma once
// A fake Discord REST API (external-apis.md g.1-g.4, h.5, h.7) for the Discord component tests:
// channel posts (with nonce + enforce_nonce: the same nonce returns the first message), threads
// started from a message (its id; 160004 the second time), the interaction webhook (@original
// edits and follow-ups), GET /channels/{id}, GET /gateway/bot, and Discord's limits checked on every
// message (2000 content, 10 embeds, 6000 characters across them, field limits → 400 50035).
// Scripted replies (peer.push) come first: a 429 with retry_after, a 500.
// Threads: the handler runs on the peer's thread; state is guarded.
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "fake_peer.hpp"
#include "paperboy/render/utf8.hpp"

namespace paperboy::test::discord {

struct message {
    std::string id, channel;  // channel: the channel or thread it is in
    std::string via;          // "channel", "original" (the interaction's response), "followup"
    nlohmann::json body;      // the request
    int flags() const { return body.value("flags", 0); }
    std::string content() const { return body.value("content", ""); }
    // Every text of the message: content, embed titles, descriptions and fields.
    std::string all_text() const {
        std::string out = content() + "\n";
        if (body.contains("embeds"))
            for (const auto& e : body["embeds"]) {
                out += e.value("title", "") + "\n" + e.value("description", "") + "\n";
                if (e.contains("fields"))
                    for (const auto& f : e["fields"]) out += f.value("name", "") + "\n" + f.value("value", "") + "\n";
            }
        return out;
    }
};

class fake_discord_api {
public:
    explicit fake_discord_api(std::string gateway_url = "") : gateway_url_(std::move(gateway_url)) {
        peer.set_handler([this](const recorded_request& r) { return answer(r); });
    }
    fake_peer peer;
    std::atomic<int> lose_after_create{0};  // the next n channel posts are made, then answered with a 500

    std::vector<message> messages() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    std::vector<message> in(const std::string& channel) const {
        std::vector<message> out;
        for (auto& m : messages())
            if (m.channel == channel) out.push_back(std::move(m));
        return out;
    }
    bool thread_exists(const std::string& id) const {
        std::lock_guard lock(mutex_);
        return threads_.count(id) > 0;
    }
    std::size_t requests_to(const std::string& prefix) const {
        std::size_t n = 0;
        for (const auto& r : peer.requests()) n += (r.method + " " + r.target).rfind(prefix, 0) == 0;
        return n;
    }
    // The problems found in messages paperboy sent (limits, mentions); empty when all were fine.
    std::vector<std::string> violations() const {
        std::lock_guard lock(mutex_);
        return violations_;
    }

private:
    static scripted_reply json_reply(unsigned status, const nlohmann::json& j) { return {status, j.dump()}; }
    static scripted_reply error(unsigned status, int code, const std::string& text) {
        return json_reply(status, {{"code", code}, {"message", text}});
    }

    // Discord's limits (g.3); an empty string when the body keeps them.
    static std::string check(const nlohmann::json& b) {
        using render::text_length;
        if (text_length(b.value("content", "")) > 2000) return "content over 2000";
        if (!b.contains("content") && !b.contains("embeds")) return "empty message";
        std::size_t total = 0;
        if (b.contains("embeds")) {
            if (b["embeds"].size() > 10) return "more than 10 embeds";
            for (const auto& e : b["embeds"]) {
                const auto title = text_length(e.value("title", "")), description = text_length(e.value("description", ""));
                if (title > 256 || description > 4096) return "embed title or description too long";
                total += title + description;
                if (e.contains("fields")) {
                    if (e["fields"].size() > 25) return "more than 25 fields";
                    for (const auto& f : e["fields"]) {
                        const auto n = text_length(f.value("name", "")), v = text_length(f.value("value", ""));
                        if (n > 256 || v > 1024 || v == 0) return "field name or value out of range";
                        total += n + v;
                    }
                }
                if (e.contains("footer")) total += text_length(e["footer"].value("text", ""));
            }
        }
        if (total > 6000) return "embeds over 6000 characters";
        if (!b.contains("allowed_mentions") || !b["allowed_mentions"].value("parse", nlohmann::json::array()).empty())
            return "mentions are parsed";
        if (b.contains("components")) {
            if (b["components"].size() > 5) return "more than 5 action rows";
            for (const auto& row : b["components"])
                for (const auto& c : row["components"])
                    if (c.value("custom_id", "").size() > 100 || row["components"].size() > 5) return "bad buttons";
        }
        return {};
    }

    std::string next_id() { return std::to_string(1300000000000000000LL + (++ids_)); }

    scripted_reply record(std::string channel, std::string via, nlohmann::json body) {
        if (auto problem = check(body); !problem.empty()) {
            violations_.push_back(problem);
            return json_reply(400, {{"code", 50035}, {"message", "Invalid Form Body"},
                                    {"errors", {{"content", {{"_errors", {{{"code", "BASE_TYPE_MAX_LENGTH"}, {"message", problem}}}}}}}}});
        }
        message m{next_id(), std::move(channel), std::move(via), std::move(body)};
        messages_.push_back(m);
        return json_reply(200, {{"id", m.id}, {"channel_id", m.channel}, {"content", m.content()}});
    }

    scripted_reply answer(const recorded_request& r) {
        const std::string path = r.target.substr(0, r.target.find('?'));
        auto body = nlohmann::json::parse(r.body, nullptr, false);
        std::lock_guard lock(mutex_);
        if (r.method == "GET" && path == "/gateway/bot")
            return json_reply(200, {{"url", gateway_url_}, {"shards", 1},
                                    {"session_start_limit", {{"total", 1000}, {"remaining", 999}, {"reset_after", 14400000}, {"max_concurrency", 1}}}});
        std::vector<std::string> parts;
        for (std::size_t at = 1; at <= path.size();) {
            auto slash = path.find('/', at);
            parts.push_back(path.substr(at, slash == std::string::npos ? std::string::npos : slash - at));
            if (slash == std::string::npos) break;
            at = slash + 1;
        }
        if (parts.size() >= 2 && parts[0] == "webhooks") {
            // /webhooks/{app}/{token}[/messages/@original]
            if (r.method == "PATCH" && parts.size() == 5 && parts[4] == "@original") {
                auto& original = originals_[parts[2]];
                if (original.empty()) {
                    auto reply = record("interaction:" + parts[2], "original", body);
                    if (reply.status != 200) return reply;
                    original = messages_.back().id;
                } else {
                    for (auto& m : messages_)
                        if (m.id == original) m.body = body;
                }
                return json_reply(200, {{"id", original}});
            }
            if (r.method == "POST" && parts.size() == 3) return record("interaction:" + parts[2], "followup", body);
        }
        if (parts.size() >= 2 && parts[0] == "channels") {
            const std::string channel = parts[1];
            if (r.method == "GET" && parts.size() == 2) {
                if (threads_.count(channel)) return json_reply(200, {{"id", channel}, {"type", 11}, {"parent_id", threads_[channel]}});
                return json_reply(200, {{"id", channel}, {"type", 0}});
            }
            if (r.method == "POST" && parts.size() == 3 && parts[2] == "messages") {
                if (is_message(channel) && !threads_.count(channel))
                    return error(404, 10003, "Unknown Channel");
                const std::string nonce = body.value("nonce", "");
                if (body.value("enforce_nonce", false) && nonces_.count(nonce))
                    return json_reply(200, {{"id", nonces_[nonce]}, {"channel_id", channel}});
                auto reply = record(channel, "channel", body);
                if (reply.status == 200 && !nonce.empty()) nonces_[nonce] = messages_.back().id;
                if (reply.status == 200 && lose_after_create > 0) {
                    --lose_after_create;
                    return error(500, 0, "Internal Server Error");
                }
                return reply;
            }
            if (r.method == "POST" && parts.size() == 5 && parts[2] == "messages" && parts[4] == "threads") {
                if (threads_.count(parts[3])) return error(400, 160004, "A thread has already been created for this message");
                if (!is_message(parts[3])) return error(404, 10008, "Unknown Message");
                threads_[parts[3]] = channel;
                return json_reply(201, {{"id", parts[3]}, {"type", 11}, {"parent_id", channel}, {"name", body.value("name", "")}});
            }
        }
        return error(404, 0, "404: Not Found");
    }

    bool is_message(const std::string& id) const {
        for (const auto& m : messages_)
            if (m.id == id) return true;
        return false;
    }

    std::string gateway_url_;
    mutable std::mutex mutex_;
    long long ids_ = 0;
    std::vector<message> messages_;
    std::vector<std::string> violations_;
    std::map<std::string, std::string> nonces_, threads_, originals_;  // nonce → id; thread → parent; token → id
};

}  // namespace paperboy::test::discord
