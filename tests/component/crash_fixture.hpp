#pragma once
// The real `paperboy serve` started, killed and started again on one database, with fake sources,
// a fake Slack and a failing LLM (crash tests).
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "slack_client.hpp"
#include "slack_fakes.hpp"
#include "spawn.hpp"

namespace paperboy::test::crash {

using namespace paperboy::test::slack;
using namespace std::chrono_literals;

inline const std::string secret = "8f742231b10e8888abcd99yyyzzz85a5";

inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds within = 20s) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

struct row {
    std::string key, state, remote_id;
    int attempts = 0;
};

struct crash_fixture {
    inline static int instances = 0;
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-crash-" + std::to_string(::getpid()) + "-" + std::to_string(++instances));
    source_fakes sources;
    fake_slack_api slack_api;
    fake_response_url responder;
    fake_peer llm;  // a Messages API that is slow (slow_llm) or refuses at once
    std::atomic<int> llm_delay_ms{0};
    unsigned short port = [] {
        fake_peer borrowed;  // a free port: bind, note it, release it
        return borrowed.port();
    }();
    pid_t pid = -1;

    crash_fixture() {
        llm.set_handler([this](const recorded_request&) {
            return scripted_reply{500, R"({"type":"error","error":{"type":"api_error","message":"down"}})",
                                  "application/json", {}, std::chrono::milliseconds(llm_delay_ms.load())};
        });
        std::filesystem::create_directories(dir);
        // Short lease and timeout, so the restarted server takes the dead one's row within seconds.
        std::ofstream(dir / "paperboy.json") << R"({"delivery": {"lease_ms": 2000, "poll_interval_ms": 50},
            "schedule": {"poll_interval_ms": 200, "lease_ms": 10000},
            "server": {"shutdown_grace_ms": 500},
            "upstreams": {"slack": {"timeout_ms": 1000}, "discord": {"timeout_ms": 1000}, "arxiv": {"min_interval_ms": 0},
                          "semantic_scholar": {"min_interval_ms": 0},
                          "anthropic": {"max_retries": 0, "timeout_ms": 120000}}})";
    }
    ~crash_fixture() {
        stop(SIGKILL);
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    // `wait_ready` false: for a process that may kill itself (a failpoint) before it answers.
    void start(std::vector<std::string> extra = {}, bool wait_ready = true) {
        std::vector<std::string> env{
            "PAPERBOY_LISTEN=127.0.0.1:" + std::to_string(port),
            "PAPERBOY_DATABASE=sqlite:" + (dir / "paperboy.db").string(),
            "PAPERBOY_ARXIV_URL=" + sources.arxiv.base_url(),
            "PAPERBOY_HF_URL=" + sources.hf.base_url(),
            "PAPERBOY_S2_URL=" + sources.s2.base_url(),
            "PAPERBOY_SLACK_URL=" + slack_api.peer.base_url(),
            "PAPERBOY_SLACK_RESPONSE_HOSTS=127.0.0.1:" + std::to_string(responder.peer.port()),
            "PAPERBOY_ANTHROPIC_URL=" + llm.base_url(),
            "ANTHROPIC_API_KEY=sk-ant-test",
            "SLACK_SIGNING_SECRET=" + secret,
            "SLACK_BOT_TOKEN=xoxb-test-token",
            "HTTP_PROXY=", "HTTPS_PROXY=", "http_proxy=", "https_proxy=",
        };
        env.insert(env.end(), extra.begin(), extra.end());
        pid = spawn_with_env(PAPERBOY_BINARY, {"serve", "--config", (dir / "paperboy.json").string()}, env,
                             (dir / ("serve-" + std::to_string(++starts) + ".err")).string());
        BOOST_REQUIRE(pid > 0);
        if (wait_ready) BOOST_REQUIRE_MESSAGE(eventually([this] { return ready(); }), "the server did not become ready");
    }
    int starts = 0;

    bool ready() {
        try {
            return http_post(port, "/slack/commands", "", {}).status == 401;  // up, and refusing the unsigned
        } catch (const std::exception&) {
            return false;
        }
    }

    // Waits for the process to end (after it killed itself, or after `signal`).
    int stop(int signal = 0) {
        if (pid <= 0) return 0;
        if (signal) ::kill(pid, signal);
        int status = 0;
        ::waitpid(pid, &status, 0);
        pid = -1;
        return status;
    }

    std::string stderr_of(int start) const {
        std::ifstream in(dir / ("serve-" + std::to_string(start) + ".err"));
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    reply mention(const std::string& event_id, const std::string& channel, int retry = 0) {
        const auto body = event_envelope(event_id, message_event("app_mention", channel, "", "<@UBOT> today", "U061F7AUR",
                                                                 "1780000999.000100"),
                                         "UBOT")
                              .dump();
        auto headers = slack_headers(secret, unix_now(), body, "application/json");
        if (retry) headers.push_back({"X-Slack-Retry-Num", std::to_string(retry)});
        return http_post(port, "/slack/events", body, headers);
    }

    reply command(const std::string& text, const std::string& channel, const std::string& trigger) {
        const auto body = slash_command_body(text, channel, responder.url(), trigger);
        return http_post(port, "/slack/commands", body,
                         slack_headers(secret, unix_now(), body, "application/x-www-form-urlencoded"));
    }

    std::vector<row> outbox() const {
        std::vector<row> rows;
        sqlite3* db = nullptr;
        if (sqlite3_open_v2((dir / "paperboy.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(db, 2000);
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db, "SELECT idempotency_key, state, remote_id, attempts FROM outbox ORDER BY id", -1,
                                   &s, nullptr) == SQLITE_OK) {
                auto text = [s](int i) {
                    auto p = sqlite3_column_text(s, i);
                    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
                };
                while (sqlite3_step(s) == SQLITE_ROW) rows.push_back({text(0), text(1), text(2), sqlite3_column_int(s, 3)});
            }
            sqlite3_finalize(s);
        }
        sqlite3_close(db);
        return rows;
    }

    // After the restart: the one message is in the channel once, and its row is sent with its ts.
    void require_exactly_once(const std::string& channel) {
        BOOST_REQUIRE_MESSAGE(eventually([&] {
                                  auto rows = outbox();
                                  return rows.size() == 1 && rows[0].state == "sent";
                              }),
                              "the row was not marked sent after the restart");
        std::this_thread::sleep_for(300ms);  // anything that would still go out
        const auto posts = slack_api.posts_in(channel);
        BOOST_REQUIRE_EQUAL(posts.size(), 1u);
        const auto rows = outbox();
        BOOST_TEST(rows[0].remote_id == posts[0].ts);
        BOOST_TEST(posts[0].key == rows[0].key);
        BOOST_TEST(slack_api.history_reads() >= 1u);  // it looked before deciding
    }
};

}  // namespace paperboy::test::crash
