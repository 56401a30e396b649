#pragma once
// Fake peers for the Slack component tests (slack_*_test.cpp): arXiv, Hugging Face and Semantic
// Scholar answering with the real recordings in ../shared/fixtures/real, a fake Slack Web API
// (chat.postMessage as external-apis.md f.5 describes it) and a fake response_url endpoint (f.2).
//
// Threads: the handlers run on each fake's own thread; their state is guarded.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "fake_peer.hpp"

namespace paperboy::test::slack {

inline const std::string fixtures = PAPERBOY_SHARED_FIXTURES;

inline std::string fixture(const std::string& path) {
    return read_file(fixtures + "/" + path);
}

// Every "text" string anywhere in a JSON value (Block Kit nests them), joined by newlines.
inline void collect_texts(const nlohmann::json& j, std::string& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() == "text" && it->is_string())
                out += it->get<std::string>() + "\n";
            else
                collect_texts(*it, out);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) collect_texts(v, out);
    }
}

// The three paper sources. Hugging Face serves its recorded day (2026-06-12) for whatever day the
// digest asks for, since "today" is the real date; arXiv answers the window query with the
// recorded physics listing (all filtered out) and id_list=2104.12255 with its recording.
struct source_fakes {
    std::atomic<int> hf_delay_ms{0};  // makes the digest slow (ack-first tests); before the peers that read it
    fake_peer arxiv, hf, s2;

    source_fakes() {
        arxiv.set_handler([](const recorded_request& r) {
            const std::string atom = "application/atom+xml; charset=utf-8";
            if (r.target.find("id_list=2104.12255") != std::string::npos)
                return scripted_reply{200, fixture("arxiv/api_id_list_title_is_0_2026-04-12.xml"), atom};
            if (r.target.find("id_list=") != std::string::npos)
                return scripted_reply{200, fixture("arxiv/api_id_list_no_match_2026-04-12.xml"), atom};
            auto body = fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml");
            const std::string total = "<opensearch:totalResults>7432<";
            body.replace(body.find(total), total.size(), "<opensearch:totalResults>10<");
            return scripted_reply{200, std::move(body), atom};
        });
        hf.set_handler([this](const recorded_request& r) {
            scripted_reply reply{200, "[]"};
            if (r.target.find("p=0") != std::string::npos)
                reply.body = fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json");
            reply.delay = std::chrono::milliseconds(hf_delay_ms.load());
            return reply;
        });
        s2.set_handler([](const recorded_request& r) {
            if (r.method == "POST") {
                // A batch answer aligned with the request: null for every paper.
                std::string out = "[";
                for (std::size_t pos = 0; (pos = r.body.find("ARXIV:", pos)) != std::string::npos; pos += 6)
                    out += out.size() > 1 ? ",null" : "null";
                return scripted_reply{200, out + "]"};
            }
            return scripted_reply{200, fixture("semantic_scholar/paper_search_no_results.json")};
        });
    }

    bool id_list_requested(const std::string& id) const {
        for (const auto& r : arxiv.requests())
            if (r.target.find("id_list=" + id) != std::string::npos) return true;
        return false;
    }
};

// One chat.postMessage the fake Slack accepted.
struct slack_post {
    std::string channel, thread_ts, text, ts, authorization, content_type;
    std::string key;  // metadata.event_payload.key: the outbox key paperboy marks each message with
    nlohmann::json body;  // the whole request
    std::chrono::steady_clock::time_point arrived;
    std::size_t blocks() const { return body.contains("blocks") ? body["blocks"].size() : 0; }
    // The fallback text and every text inside the blocks.
    std::string all_text() const {
        std::string out = text + "\n";
        if (body.contains("blocks")) collect_texts(body["blocks"], out);
        return out;
    }
};

// POST /chat.postMessage → {"ok":true,"channel":C,"ts":"<increasing ts>","message":{...}} and the
// post is recorded; channels set with fail_channel() answer {"ok":false,"error":...} (HTTP 200,
// as Slack does). Scripted replies (peer.push) come first, e.g. a 429 with Retry-After.
// lose_answers(n): the next n posts are recorded (they are in the channel) but the connection is
// dropped instead of answering; stall_answers(n): the answer comes only after a minute.
// GET /conversations.history and /conversations.replies (external-apis.md j.1) list what was
// posted, with each message's metadata when include_all_metadata=true.
class fake_slack_api {
public:
    fake_slack_api() {
        peer.set_handler([this](const recorded_request& r) { return answer(r); });
    }

    void lose_answers(int n) { lose_ = n; }
    void stall_answers(int n) { stall_ = n; }
    std::size_t history_reads() const {
        std::size_t n = 0;
        for (const auto& r : peer.requests()) n += r.method == "GET";
        return n;
    }

    void fail_channel(const std::string& channel, const std::string& error) {
        std::lock_guard lock(mutex_);
        failing_[channel] = error;
    }

    std::vector<slack_post> posts() const {
        std::lock_guard lock(mutex_);
        return posts_;
    }
    std::vector<slack_post> posts_in(const std::string& channel) const {
        std::vector<slack_post> out;
        for (auto& p : posts())
            if (p.channel == channel) out.push_back(std::move(p));
        return out;
    }
    std::vector<slack_post> thread(const std::string& channel, const std::string& thread_ts) const {
        std::vector<slack_post> out;
        for (auto& p : posts_in(channel))
            if (p.thread_ts == thread_ts) out.push_back(std::move(p));
        return out;
    }
    // chat.postMessage requests received for `channel`, whatever the answer.
    std::size_t attempts_in(const std::string& channel) const {
        std::size_t n = 0;
        for (const auto& r : peer.requests()) {
            auto j = nlohmann::json::parse(r.body, nullptr, false);
            if (!j.is_discarded() && j.is_object() && j.value("channel", "") == channel) ++n;
        }
        return n;
    }

private:
    static std::string query_value(const std::string& target, const std::string& name) {
        auto q = target.find('?');
        if (q == std::string::npos) return "";
        const std::string query = "&" + target.substr(q + 1);
        auto at = query.find("&" + name + "=");
        if (at == std::string::npos) return "";
        auto start = at + name.size() + 2;
        auto end = query.find('&', start);
        return query.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }

    nlohmann::json message_json(const slack_post& p, bool with_metadata) const {
        nlohmann::json m = {{"type", "message"}, {"user", "UBOT"}, {"bot_id", "BBOT"}, {"text", p.text}, {"ts", p.ts}};
        if (!p.thread_ts.empty()) m["thread_ts"] = p.thread_ts;
        if (with_metadata && p.body.contains("metadata")) m["metadata"] = p.body["metadata"];
        return m;
    }

    scripted_reply history(const recorded_request& r) {
        const bool replies = r.target.starts_with("/conversations.replies");
        const std::string channel = query_value(r.target, "channel");
        const std::string ts = query_value(r.target, "ts");
        const bool metadata = query_value(r.target, "include_all_metadata") == "true";
        std::lock_guard lock(mutex_);
        nlohmann::json messages = nlohmann::json::array();
        for (const auto& p : posts_) {
            if (p.channel != channel) continue;
            if (replies ? (p.ts == ts || p.thread_ts == ts) : p.thread_ts.empty()) messages.push_back(message_json(p, metadata));
        }
        if (!replies) std::reverse(messages.begin(), messages.end());  // history: newest first
        return {200, nlohmann::json{{"ok", true}, {"messages", messages}, {"has_more", false}}.dump()};
    }

    scripted_reply answer(const recorded_request& r) {
        if (r.method == "GET" && (r.target.starts_with("/conversations.history?") ||
                                  r.target.starts_with("/conversations.replies?")))
            return history(r);
        if (r.method != "POST" || r.target != "/chat.postMessage")
            return {404, R"({"ok":false,"error":"unknown_method"})"};
        auto body = nlohmann::json::parse(r.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("channel"))
            return {200, R"({"ok":false,"error":"invalid_arguments"})"};
        slack_post p;
        p.channel = body.value("channel", "");
        p.thread_ts = body.value("thread_ts", "");
        p.text = body.value("text", "");
        p.authorization = std::string(r.header("Authorization").value_or(""));
        p.content_type = std::string(r.header("Content-Type").value_or(""));
        p.arrived = r.arrived;
        std::lock_guard lock(mutex_);
        if (auto it = failing_.find(p.channel); it != failing_.end())
            return {200, nlohmann::json{{"ok", false}, {"error", it->second}}.dump()};
        char ts[32];
        std::snprintf(ts, sizeof ts, "1780000000.%06d", ++counter_);
        p.ts = ts;
        p.body = std::move(body);
        if (p.body.contains("metadata") && p.body["metadata"].is_object() && p.body["metadata"].contains("event_payload"))
            p.key = p.body["metadata"]["event_payload"].value("key", "");
        const auto message = message_json(p, true);
        posts_.push_back(p);
        scripted_reply reply{200, nlohmann::json{{"ok", true}, {"channel", p.channel}, {"ts", p.ts}, {"message", message}}.dump()};
        if (lose_ > 0) {
            --lose_;
            reply.drop = true;
        } else if (stall_ > 0) {
            --stall_;
            reply.delay = std::chrono::milliseconds(60'000);
        }
        return reply;
    }

    mutable std::mutex mutex_;
    std::map<std::string, std::string> failing_;
    std::vector<slack_post> posts_;
    int counter_ = 0;
    std::atomic<int> lose_{0}, stall_{0};

public:
    fake_peer peer;  // last: its thread stops before the state above is destroyed
};

// A response_url endpoint: 200 "ok" (text/plain), as hooks.slack.com answers.
struct fake_response_url {
    fake_peer peer;
    fake_response_url() {
        peer.set_handler([](const recorded_request&) { return scripted_reply{200, "ok", "text/plain"}; });
    }
    std::string url(const std::string& path = "/commands/T1/1/abc") const { return peer.base_url() + path; }
    std::vector<nlohmann::json> messages() const {
        std::vector<nlohmann::json> out;
        for (const auto& r : peer.requests()) out.push_back(nlohmann::json::parse(r.body, nullptr, false));
        return out;
    }
};

}  // namespace paperboy::test::slack
