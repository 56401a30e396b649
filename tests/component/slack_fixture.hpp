#pragma once
// The Slack side end to end, in-process: app::services (the composition root `serve` uses) over a
// migrated SQLite store in a temporary directory, the extractive summarizer, Slack's port pointed
// at a fake Slack Web API, its delivery worker running, and the adapter (with a clock the test
// can fix) serving its routes from an http_server on 127.0.0.1:0 with two I/O threads.
// As in `serve`, the application's work (background jobs, outbound HTTP) runs on its own
// io_context thread and the server on its own worker threads. Tests send signed requests over
// real sockets and poll the fakes for what they received.
#include <sqlite3.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <thread>

#include <boost/asio/detached.hpp>

#include "paperboy/app/services.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/digest/digest_service.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/server.hpp"
#include "paperboy/render/json.hpp"
#include "paperboy/render/slack.hpp"
#include "paperboy/summarize/factory.hpp"
#include "slack_client.hpp"
#include "slack_fakes.hpp"

namespace paperboy::test::slack {

using namespace std::chrono_literals;

inline const std::string signing_secret = "8f742231b10e8888abcd99yyyzzz85a5";  // Slack's documented example
inline const std::string bot_token = "xoxb-test-token";
inline const std::string bot_user = "UBOT";    // authorizations[0].user_id: the app's own user
inline const std::string human = "U061F7AUR";  // someone in the channel
inline constexpr std::chrono::milliseconds per_channel_interval{50};

// The clock the fixture's services see: the real one, or the unix second a test fixed.
struct fixable_clock final : core::clock {
    std::atomic<long long> fixed{0};
    time_point now() const override {
        const auto f = fixed.load();
        return f ? time_point(std::chrono::seconds(f)) : std::chrono::system_clock::now();
    }
};

// A row of the outbox table, read straight from the database file.
struct outbox_row {
    std::string platform, channel, thread, key, state, last_error, remote_id;
    int attempts = 0;
};

// A digest the fixture had posted into a channel: its first message and the stored digest.
struct posted_digest {
    std::string channel, ts;
    core::digest digest;
    std::vector<slack_post> channel_messages, thread;
};

// Polls `done` until it holds or `within` passes.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds within = 8000ms) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

struct slack_fixture {
    inline static int instances = 0;
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-slack-" + std::to_string(::getpid()) + "-" + std::to_string(++instances));
    source_fakes sources;
    fake_slack_api slack_api;
    fake_response_url responder;
    fake_response_url rogue;  // a response_url host that is NOT in PAPERBOY_SLACK_RESPONSE_HOSTS
    metrics::registry metrics;
    config::config cfg = [this] {
        auto c = config::defaults();
        c.time_zone = "UTC";
        c.database.url = "sqlite:" + (dir / "paperboy.db").string();
        c.http_client.backoff_base = 5ms;
        c.http_client.backoff_max = 20ms;
        for (auto& [name, u] : c.upstreams) u.min_interval = 0ms;
        c.upstreams["arxiv"].base_url = sources.arxiv.base_url();
        c.upstreams["huggingface"].base_url = sources.hf.base_url();
        c.upstreams["semantic_scholar"].base_url = sources.s2.base_url();
        c.upstreams["slack"].base_url = slack_api.peer.base_url();
        c.summarizer.kind = "extractive";
        c.slack.response_hosts = {"127.0.0.1:" + std::to_string(responder.peer.port())};
        c.server.port = 0;
        c.server.io_threads = 2;
        c.server.shutdown_grace = 3000ms;
        c.delivery.poll_interval = 50ms;
        c.delivery.backoff_base = 20ms;
        c.profiles.at("llm").language = "en";  // as config::apply_environment resolves it
        config::validate(c);
        return c;
    }();
    fixable_clock clock;
    std::atomic<long long>& fixed_now = clock.fixed;  // unix seconds the clock shows; 0: the real clock
    boost::asio::io_context ioc{1};       // the application's work, as in `serve`
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work = boost::asio::make_work_guard(ioc);
    std::unique_ptr<app::services> graph;
    std::optional<net::http_server> server;
    std::thread app_thread;
    int triggers = 0;

    // Builds the graph and starts serving; `with_token` false: no SLACK_BOT_TOKEN.
    void start(bool with_token = true) {
        std::filesystem::create_directories(dir);
        cfg.secret.slack_signing_secret = config::secret(signing_secret);
        if (with_token) cfg.secret.slack_bot_token = config::secret(bot_token);
        app::service_options options;
        options.proxy = net::proxy_settings{};
        options.clock = &clock;
        options.slack_per_channel_interval = per_channel_interval;
        graph = std::make_unique<app::services>(cfg, ioc, metrics, options);
        net::router routes;
        graph->slack_http->add_routes(routes);
        server.emplace(cfg.server, std::move(routes), metrics);
        boost::asio::co_spawn(ioc, graph->worker.run(), boost::asio::detached);
        app_thread = std::thread([this] { ioc.run(); });
        server->start();
    }

    ~slack_fixture() {
        if (server) {
            eventually([this] { return graph->slack->jobs_in_flight() == 0; }, 10s);
            graph->worker.stop();
            eventually([this] { return !graph->worker.running() && graph->worker.in_flight() == 0; }, 10s);
            std::promise<void> done;
            boost::asio::co_spawn(ioc, server->shutdown(), [&](std::exception_ptr) { done.set_value(); });
            done.get_future().wait();
        }
        server.reset();
        work.reset();
        ioc.stop();
        if (app_thread.joinable()) app_thread.join();
        graph.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    // ---- requests, signed as Slack signs them ----

    reply send_signed(const std::string& path, const std::string& body, const std::string& content_type,
                      std::vector<std::pair<std::string, std::string>> extra = {}) {
        // Signed at the time the server's clock shows, as Slack would sign it then.
        const long long now = fixed_now.load() ? fixed_now.load() : unix_now();
        auto headers = slack_headers(signing_secret, now, body, content_type);
        headers.insert(headers.end(), extra.begin(), extra.end());
        return http_post(server->port(), path, body, headers);
    }
    std::string next_trigger() { return "13345224609.738474920.8088930838d88f008e0" + std::to_string(++triggers); }
    std::string command_body(const std::string& text, const std::string& channel = "C0PAPERS",
                             std::optional<std::string> response_url = std::nullopt) {
        return slash_command_body(text, channel, response_url.value_or(responder.url()), next_trigger());
    }
    reply command(const std::string& text, const std::string& channel = "C0PAPERS",
                  std::optional<std::string> response_url = std::nullopt) {
        return send_signed("/slack/commands", command_body(text, channel, std::move(response_url)),
                           "application/x-www-form-urlencoded");
    }
    reply event(const nlohmann::json& envelope, std::vector<std::pair<std::string, std::string>> extra = {}) {
        return send_signed("/slack/events", envelope.dump(), "application/json", std::move(extra));
    }
    // A person's reply `text` in the thread `thread_ts` of `channel`, as event `event_id`.
    reply thread_reply(const std::string& event_id, const std::string& channel, const std::string& thread_ts,
                       const std::string& text, const std::string& type = "message") {
        const std::string ts = "1780000999." + std::to_string(100000 + (++triggers));
        return event(event_envelope(event_id, message_event(type, channel, thread_ts, text, human, ts), bot_user));
    }

    // ---- what happened ----

    // No background job left, no outbox row due, and a moment for anything that would still arrive.
    void settle() {
        BOOST_REQUIRE(eventually([this] { return graph->slack->jobs_in_flight() == 0 && nothing_due(); }, 10s));
        std::this_thread::sleep_for(150ms);
    }
    bool nothing_due() const {
        for (const auto& row : outbox())
            if (row.state == "pending" || row.state == "claimed" || row.state == "unknown") return false;
        return graph->worker.in_flight() == 0;
    }

    std::vector<outbox_row> outbox() const {
        std::vector<outbox_row> rows;
        sqlite3* db = nullptr;
        if (sqlite3_open_v2((dir / "paperboy.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            sqlite3_close(db);
            return rows;
        }
        sqlite3_busy_timeout(db, 2000);
        sqlite3_stmt* s = nullptr;
        const char* sql =
            "SELECT platform, channel, thread, idempotency_key, state, last_error, remote_id, attempts FROM outbox "
            "ORDER BY id";
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK) {
            auto text = [s](int i) {
                auto p = sqlite3_column_text(s, i);
                return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
            };
            while (sqlite3_step(s) == SQLITE_ROW)
                rows.push_back(
                    {text(0), text(1), text(2), text(3), text(4), text(5), text(6), sqlite3_column_int(s, 7)});
        }
        sqlite3_finalize(s);
        sqlite3_close(db);
        return rows;
    }

    std::optional<core::digest> stored_digest_of(const std::string& channel, const std::string& ts) {
        auto key = graph->db.direct().digest_for_message("slack", channel, ts);
        if (!key) return std::nullopt;
        auto json = graph->db.direct().load_digest(*key);
        if (!json) return std::nullopt;
        auto d = render::digest_from_json(*json);
        if (!d) return std::nullopt;
        return std::move(*d);
    }

    // Nothing was posted, queued or answered anywhere.
    void require_nothing_sent() {
        BOOST_TEST(slack_api.peer.request_count() == 0u);
        BOOST_TEST(responder.peer.request_count() == 0u);
        BOOST_TEST(rogue.peer.request_count() == 0u);
        BOOST_TEST(outbox().empty());
    }

    // `/papers today` in `channel`, waited for until the digest and its whole thread are posted.
    posted_digest post_today(const std::string& channel = "C0PAPERS") {
        auto ack = command("today", channel);
        BOOST_REQUIRE_EQUAL(ack.status, 200u);
        posted_digest p;
        p.channel = channel;
        BOOST_REQUIRE_MESSAGE(eventually([&] {
                                  for (const auto& m : slack_api.posts_in(channel))
                                      if (m.thread_ts.empty()) return true;
                                  return false;
                              }),
                              "no digest in " << channel);
        settle();
        for (const auto& m : slack_api.posts_in(channel))
            (m.thread_ts.empty() ? p.channel_messages : p.thread).push_back(m);
        p.ts = p.channel_messages.front().ts;
        auto d = stored_digest_of(channel, p.ts);
        BOOST_REQUIRE_MESSAGE(d, "the digest message " << p.ts << " is not remembered");
        p.digest = std::move(*d);
        return p;
    }
};

// The entry `number` of `d`.
inline const core::digest_entry& entry(const core::digest& d, int number) {
    for (const auto& e : d.entries)
        if (e.number == number) return e;
    BOOST_FAIL("no entry " << number);
    throw std::logic_error("unreachable");
}

// Does this post show `e` in full (its title, id, and its summary's opening)?
inline bool shows_entry(const slack_post& p, const core::digest_entry& e) {
    const auto text = p.all_text();
    const auto summary = render::mrkdwn_escape(e.summary.text.substr(0, 40));
    return text.find(render::mrkdwn_escape(e.paper.title)) != std::string::npos &&
           text.find(e.paper.arxiv_id) != std::string::npos && text.find(summary) != std::string::npos;
}

}  // namespace paperboy::test::slack
