// Subscriptions and schedule runs in the store: one run per (subscription, local date), claims with
// leases, posts enqueued with the run's end, and saves that never lose a due run. Real SQLite file.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <unistd.h>

#include "paperboy/core/time.hpp"
#include "paperboy/schedule/subscriptions.hpp"

using namespace paperboy;
using namespace std::chrono;

namespace {

std::int64_t ms(const char* rfc3339) {
    return duration_cast<milliseconds>(core::parse_rfc3339(rfc3339).value().time_since_epoch()).count();
}
system_clock::time_point at(const char* rfc3339) { return system_clock::time_point(milliseconds(ms(rfc3339))); }

struct schedule_fixture {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-schedule-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::unique_ptr<store::store> s = [this] {
        auto st = store::open_store("sqlite:" + (dir / "s.db").string());
        st->migrate();
        return st;
    }();
    ~schedule_fixture() { std::filesystem::remove_all(dir); }
    static inline int counter = 0;

    static store::subscription tokyo(std::string channel = "C1") {
        store::subscription sub;
        sub.platform = "slack";
        sub.workspace = "T1";
        sub.channel = std::move(channel);
        sub.time = "08:00";
        sub.time_zone = "Asia/Tokyo";
        sub.language = "ja";
        sub.origin = "chat";
        return sub;
    }
    std::vector<store::schedule_run> claim(const std::string& owner, const char* now, std::int64_t lease = 60'000) {
        return s->claim_schedule_runs({owner, ms(now), lease, 64}, schedule::advance);
    }
    static store::outbox_item post(std::string key) {
        store::outbox_item it;
        it.platform = "slack";
        it.channel = "C1";
        it.payload = R"({"text":"digest"})";
        it.idempotency_key = std::move(key);
        return it;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(schedule_store, schedule_fixture)

BOOST_AUTO_TEST_CASE(a_subscription_is_saved_with_its_next_run_and_replaced_in_place) {
    // Wednesday 2026-12-02 12:00 UTC = 21:00 JST: the next weekday 08:00 JST is Thursday's.
    auto saved = schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    BOOST_TEST(saved.id > 0);
    BOOST_TEST(saved.next_run_at == ms("2026-12-02T23:00:00Z"));
    BOOST_TEST(saved.next_local_date == "2026-12-03");
    auto changed = tokyo();
    changed.time = "07:30";
    auto again = schedule::save(*s, changed, at("2026-12-02T12:00:00Z"));
    BOOST_TEST(again.id == saved.id);
    BOOST_TEST(again.next_run_at == ms("2026-12-02T22:30:00Z"));
    BOOST_TEST(s->list_subscriptions().size() == 1U);
    BOOST_TEST(s->earliest_next_run() == ms("2026-12-02T22:30:00Z"));
    BOOST_TEST(s->load_subscription("slack", "T1", "C1")->time == "07:30");
    BOOST_TEST(s->remove_subscription("slack", "T1", "C1"));
    BOOST_TEST(!s->remove_subscription("slack", "T1", "C1"));
    BOOST_TEST(s->list_subscriptions().empty());
    BOOST_TEST(s->earliest_next_run() == 0);
}

BOOST_AUTO_TEST_CASE(saving_the_same_timing_again_keeps_a_due_run) {
    auto first = schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    // The server was down at 08:00 JST; on restart the configuration is saved again, same timing.
    auto restarted = tokyo();
    restarted.language = "en";
    auto second = schedule::save(*s, restarted, at("2026-12-03T01:00:00Z"));
    BOOST_TEST(second.next_run_at == first.next_run_at);
    BOOST_TEST(second.language == "en");
    BOOST_REQUIRE_EQUAL(claim("a", "2026-12-03T01:00:00Z").size(), 1U);
}

BOOST_AUTO_TEST_CASE(one_run_per_local_date_claimed_once_until_its_lease_ends) {
    schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    BOOST_TEST(claim("a", "2026-12-02T22:59:59Z").empty());  // not due yet
    auto runs = claim("a", "2026-12-02T23:00:00Z");
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    BOOST_TEST(runs[0].local_date == "2026-12-03");
    BOOST_TEST(runs[0].scheduled_at == ms("2026-12-02T23:00:00Z"));
    BOOST_TEST(runs[0].attempts == 1);
    BOOST_TEST(runs[0].sub.language == "ja");
    // The subscription moved on to Friday's run; nobody else gets Thursday's while it is leased.
    BOOST_TEST(s->load_subscription("slack", "T1", "C1")->next_local_date == "2026-12-04");
    BOOST_TEST(claim("b", "2026-12-02T23:00:30Z").empty());
    // Its owner died: after the lease another worker takes it, as the same run.
    runs = claim("b", "2026-12-02T23:01:01Z");
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    BOOST_TEST(runs[0].local_date == "2026-12-03");
    BOOST_TEST(runs[0].attempts == 2);
    BOOST_TEST(runs[0].owner == "b");
}

BOOST_AUTO_TEST_CASE(finishing_enqueues_the_posts_only_for_the_current_owner) {
    schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    auto runs = claim("a", "2026-12-02T23:00:00Z");
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    runs = claim("b", "2026-12-02T23:01:01Z");  // a's lease ran out; b holds it now
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    store::schedule_result done{"done", "post", 0, "posted 3 papers", "2026-12-02", 3};
    BOOST_TEST(!s->finish_schedule_run(runs[0].sub.id, "2026-12-03", "a", done, {post("k:m0")}));
    BOOST_TEST(s->list_outbox("", 10).empty());
    BOOST_TEST(s->finish_schedule_run(runs[0].sub.id, "2026-12-03", "b", done, {post("k:m0")}));
    BOOST_TEST(s->list_outbox("", 10).size() == 1U);
    // Done is done: neither a late claim nor a second finish runs it again.
    BOOST_TEST(claim("c", "2026-12-03T05:00:00Z").empty());
    BOOST_TEST(!s->finish_schedule_run(runs[0].sub.id, "2026-12-03", "b", done, {post("k:m1")}));
    auto history = s->list_schedule_runs(runs[0].sub.id, 10);
    BOOST_REQUIRE_EQUAL(history.size(), 1U);
    BOOST_TEST(history[0].state == "done");
    BOOST_TEST(history[0].posted == 3);
    BOOST_TEST(history[0].outcome == "posted 3 papers");
}

BOOST_AUTO_TEST_CASE(a_run_postponed_waits_for_not_before_and_keeps_its_phase) {
    schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    auto runs = claim("a", "2026-12-02T23:00:00Z");
    store::schedule_result later{"due", "follow_up", ms("2026-12-02T23:10:00Z"), "posted; partial", "2026-12-02", 2};
    BOOST_TEST(s->finish_schedule_run(runs[0].sub.id, "2026-12-03", "a", later, {}));
    BOOST_TEST(claim("a", "2026-12-02T23:09:59Z").empty());
    runs = claim("a", "2026-12-02T23:10:00Z");
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    BOOST_TEST(runs[0].phase == "follow_up");
    BOOST_TEST(runs[0].posted == 2);
    BOOST_TEST(runs[0].digest_day == "2026-12-02");
}

BOOST_AUTO_TEST_CASE(days_of_downtime_give_one_run_for_the_latest_missed_morning) {
    schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    // Down from Thursday to Monday 10:00 JST (01:00Z): one run, Monday's, then Tuesday next.
    auto runs = claim("a", "2026-12-07T01:00:00Z");
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    BOOST_TEST(runs[0].local_date == "2026-12-07");
    BOOST_TEST(runs[0].scheduled_at == ms("2026-12-06T23:00:00Z"));
    BOOST_TEST(s->load_subscription("slack", "T1", "C1")->next_local_date == "2026-12-08");
}

BOOST_AUTO_TEST_CASE(released_runs_are_due_again_at_once_and_removed_subscriptions_take_their_runs) {
    schedule::save(*s, tokyo(), at("2026-12-02T12:00:00Z"));
    schedule::save(*s, tokyo("C2"), at("2026-12-02T12:00:00Z"));
    BOOST_REQUIRE_EQUAL(claim("a", "2026-12-02T23:00:00Z").size(), 2U);
    BOOST_TEST(s->release_schedule_runs("a") == 2);
    BOOST_TEST(s->remove_subscription("slack", "T1", "C2"));
    auto runs = claim("b", "2026-12-02T23:00:05Z");
    BOOST_REQUIRE_EQUAL(runs.size(), 1U);
    BOOST_TEST(runs[0].sub.channel == "C1");
    BOOST_TEST(runs[0].attempts == 1);  // a release hands the attempt back
}

BOOST_AUTO_TEST_CASE(problems_are_named) {
    auto sub = tokyo();
    sub.time_zone = "Asia/Tokio";
    BOOST_TEST(schedule::problem_with(sub).find("Asia/Tokyo") != std::string::npos);
    sub = tokyo();
    sub.time = "25:00";
    BOOST_TEST(schedule::problem_with(sub).find("25:00") != std::string::npos);
    BOOST_CHECK_THROW(schedule::save(*s, sub, at("2026-12-02T12:00:00Z")), std::runtime_error);
    BOOST_TEST(s->list_subscriptions().empty());
    BOOST_TEST(schedule::problem_with(tokyo()).empty());
}

BOOST_AUTO_TEST_CASE(a_channel_named_with_and_without_its_workspace_has_one_subscription) {
    auto declared = tokyo();
    declared.workspace = "";  // the configuration does not know the team id
    declared.origin = "config";
    const auto first = schedule::save(*s, declared, at("2026-12-02T12:00:00Z"));
    auto from_chat = tokyo();  // T1, same channel, same timing
    const auto second = schedule::save(*s, from_chat, at("2026-12-02T13:00:00Z"));
    BOOST_REQUIRE_EQUAL(s->list_subscriptions().size(), 1u);
    BOOST_TEST(second.workspace == "T1");
    BOOST_TEST(second.next_run_at == first.next_run_at);
    // Saved again without the workspace (a restart), it stays one row, with it.
    BOOST_TEST(schedule::save(*s, declared, at("2026-12-02T14:00:00Z")).workspace == "T1");
    BOOST_TEST(s->list_subscriptions().size() == 1u);
    BOOST_TEST(s->load_subscription("slack", "", "C1").has_value());
    BOOST_TEST(!s->load_subscription("slack", "T2", "C1").has_value());
    BOOST_TEST(schedule::remove(*s, "slack", "", "C1"));
    BOOST_TEST(s->list_subscriptions().empty());
}

BOOST_AUTO_TEST_SUITE_END()
