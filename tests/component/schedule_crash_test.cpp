// A scheduled run is exactly once across crashes: the real `paperboy serve` is killed with SIGKILL
// after a run built its posts but before it ended (failpoint schedule.before_finish), and while
// Slack holds the scheduled digest's post; started again on the same database, the channel gets
// the digest once.
#include <algorithm>
#include <chrono>
#include <set>

#include "crash_fixture.hpp"
#include "paperboy/core/time.hpp"

using namespace paperboy::test;
using namespace paperboy::test::slack;
using namespace paperboy::test::crash;
using namespace std::chrono_literals;

namespace {

struct schedule_crash_fixture : crash_fixture {
    std::string database() const { return "sqlite:" + (dir / "paperboy.db").string(); }

    // A daily subscription of `channel` (added with the CLI) whose run was due 30 s ago.
    void subscription_due_now(const std::string& channel) {
        const pid_t cli = spawn_with_env(PAPERBOY_BINARY,
                                         {"subscriptions", "add", "--channel", channel, "--time", "00:00",
                                          "--time-zone", "UTC", "--weekdays", "daily"},
                                         {"PAPERBOY_DATABASE=" + database()}, (dir / "cli.err").string());
        BOOST_REQUIRE(cli > 0);
        int status = 0;
        ::waitpid(cli, &status, 0);
        BOOST_REQUIRE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        const auto now = std::chrono::system_clock::now() - 30s;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
        const std::string today = paperboy::core::format_ymd(std::chrono::floor<std::chrono::days>(now));
        exec("UPDATE subscriptions SET next_run_at = " + std::to_string(ms) + ", next_local_date = '" + today + "'");
    }
    void exec(const std::string& sql) const {
        sqlite3* db = nullptr;
        BOOST_REQUIRE(sqlite3_open((dir / "paperboy.db").c_str(), &db) == SQLITE_OK);
        sqlite3_busy_timeout(db, 2000);
        BOOST_REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    std::string run_state() const {
        std::string state;
        sqlite3* db = nullptr;
        if (sqlite3_open_v2((dir / "paperboy.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(db, 2000);
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db, "SELECT state FROM schedule_runs r JOIN subscriptions s ON s.id = "
                                       "r.subscription_id WHERE s.platform = 'slack'", -1, &s, nullptr) == SQLITE_OK &&
                sqlite3_step(s) == SQLITE_ROW)
                state = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
            sqlite3_finalize(s);
        }
        sqlite3_close(db);
        return state;
    }
    std::size_t top_level_posts(const std::string& channel) const {
        std::size_t n = 0;
        for (const auto& p : slack_api.posts_in(channel)) n += p.thread_ts.empty();
        return n;
    }
    // After the restart: the run is done, every row sent, and the digest in the channel once.
    void require_digest_once(const std::string& channel) {
        BOOST_REQUIRE_MESSAGE(eventually([&] {
                                  if (run_state() != "done") return false;
                                  auto rows = outbox();
                                  return !rows.empty() && std::all_of(rows.begin(), rows.end(),
                                                                      [](const row& r) { return r.state == "sent"; });
                              }),
                              "the run did not end with every post sent; run state " << run_state());
        std::this_thread::sleep_for(300ms);  // anything that would still go out
        BOOST_TEST(top_level_posts(channel) == 1u);
        std::set<std::string> keys;
        for (const auto& p : slack_api.posts_in(channel)) BOOST_TEST(keys.insert(p.key).second, "posted twice: " << p.key);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(schedule_crash, schedule_crash_fixture)

BOOST_AUTO_TEST_CASE(killed_after_a_run_built_its_posts_and_before_it_ended_the_digest_comes_once) {
    subscription_due_now("C0SCHED1");
    start({"PAPERBOY_FAILPOINTS=schedule.before_finish"}, false);
    const int status = stop();  // the failpoint kills it once the run's posts are ready
    BOOST_TEST(WIFSIGNALED(status));
    BOOST_TEST(WTERMSIG(status) == SIGKILL);
    BOOST_TEST(run_state() == "claimed");
    BOOST_TEST(outbox().empty());
    BOOST_TEST(slack_api.posts_in("C0SCHED1").empty());
    start();
    require_digest_once("C0SCHED1");
}

BOOST_AUTO_TEST_CASE(killed_while_slack_held_the_scheduled_digest_the_restart_does_not_post_it_again) {
    subscription_due_now("C0SCHED2");
    slack_api.stall_answers(1);
    start();
    BOOST_REQUIRE(eventually([&] { return slack_api.posts_in("C0SCHED2").size() == 1; }));
    BOOST_TEST(run_state() == "done");  // the run ended when its posts were enqueued
    const int status = stop(SIGKILL);
    BOOST_TEST(WIFSIGNALED(status));
    start();
    require_digest_once("C0SCHED2");
    BOOST_TEST(slack_api.history_reads() >= 1u);  // it looked before deciding
}

BOOST_AUTO_TEST_SUITE_END()
