// Morning digests end to end, in-process: subscribe in Slack, the scheduler (driven with a fixed
// clock) runs at the subscription's time in its zone, the digest goes through the outbox to the
// fake Slack once; downtime, weekends and a source that is down then back.
#include <boost/asio/use_future.hpp>

#include "paperboy/schedule/subscriptions.hpp"
#include "paperboy/schedule/timing.hpp"
#include "slack_fixture.hpp"

using namespace paperboy;
using namespace paperboy::test;
using namespace paperboy::test::slack;

namespace {

long long unix_at(const char* rfc3339) { return core::parse_rfc3339(rfc3339).value().time_since_epoch().count(); }

struct schedule_fixture : slack_fixture {
    // One scheduler round at the clock's time; how many runs it worked on. Then every post is sent.
    int run_schedule(const char* at) {
        fixed_now = unix_at(at);
        auto done = boost::asio::co_spawn(ioc, graph->scheduler.run_due(), boost::asio::use_future);
        const int n = done.get();
        settle();
        return n;
    }
    std::vector<slack_post> top_level(const std::string& channel) const {
        std::vector<slack_post> out;
        for (auto& p : slack_api.posts_in(channel))
            if (p.thread_ts.empty()) out.push_back(std::move(p));
        return out;
    }
    // The digests posted in `channel` (their first message's text carries the title).
    std::size_t digests_in(const std::string& channel) const {
        std::size_t n = 0;
        for (const auto& p : top_level(channel)) n += stored_digest(channel, p.ts).has_value();
        return n;
    }
    std::optional<store::digest_key> stored_digest(const std::string& channel, const std::string& ts) const {
        return graph->db.direct().digest_for_message("slack", channel, ts);
    }
    double runs(const char* outcome) const {
        return metrics.value("paperboy_schedule_runs_total", {{"platform", "slack"}, {"outcome", outcome}});
    }
    // Due runs claimed, with a 60 s lease, by a worker that never finishes them; how many.
    std::size_t claim_as_a_worker_that_dies(long long unix_seconds) {
        return graph->db.direct().claim_schedule_runs({"gone:1:x", unix_seconds * 1000, 60'000, 10}, schedule::advance).size();
    }
    void sources_have_nothing() {
        sources.arxiv.set_handler([](const recorded_request&) {
            return scripted_reply{200, fixture("arxiv/api_id_list_no_match_2026-04-12.xml"),
                                  "application/atom+xml; charset=utf-8"};
        });
        sources.hf.set_handler([](const recorded_request&) { return scripted_reply{200, "[]"}; });
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(schedules, schedule_fixture)

BOOST_AUTO_TEST_CASE(subscribe_in_chat_then_the_digest_comes_at_0800_tokyo_once_in_japanese) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");  // Wednesday, 21:00 in Tokyo
    start();
    auto ack = command("subscribe 08:00 Asia/Tokyo ja");
    BOOST_REQUIRE_EQUAL(ack.status, 200u);
    const auto confirmation = ack.json()["text"].get<std::string>();
    BOOST_TEST(ack.json()["response_type"] == "in_channel");
    BOOST_TEST(confirmation.find("2026-12-03 08:00 JST") != std::string::npos, confirmation);
    BOOST_TEST(confirmation.find("2026-12-02 23:00 UTC") != std::string::npos, confirmation);
    const auto settings = command("settings").json()["text"].get<std::string>();
    BOOST_TEST(settings.find("Asia/Tokyo") != std::string::npos, settings);
    BOOST_TEST(settings.find("2026-12-03 08:00 JST") != std::string::npos, settings);

    BOOST_TEST(run_schedule("2026-12-02T22:59:59Z") == 0);
    BOOST_TEST(digests_in("C0PAPERS") == 0u);
    BOOST_TEST(run_schedule("2026-12-02T23:00:00Z") == 1);
    const auto posted = top_level("C0PAPERS");
    BOOST_REQUIRE_EQUAL(digests_in("C0PAPERS"), 1u);
    auto key = stored_digest("C0PAPERS", posted.back().ts);
    BOOST_REQUIRE(key);
    BOOST_TEST(key->language == "ja");
    BOOST_TEST(key->day == "2026-12-02");  // the configured zone (UTC) decides the digest's day
    // Later rounds the same morning find nothing to do; nothing is posted again.
    BOOST_TEST(run_schedule("2026-12-02T23:05:00Z") == 0);
    BOOST_TEST(run_schedule("2026-12-03T05:00:00Z") == 0);
    BOOST_TEST(digests_in("C0PAPERS") == 1u);
    BOOST_TEST(runs("delivered") == 1);
    // Friday's comes on Friday morning.
    BOOST_TEST(run_schedule("2026-12-03T23:00:00Z") == 1);
    BOOST_TEST(digests_in("C0PAPERS") == 2u);
}

BOOST_AUTO_TEST_CASE(an_unknown_zone_gets_close_matches_and_saves_nothing) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    auto ack = command("subscribe 08:00 Asia/Tokio");
    BOOST_TEST(ack.json()["response_type"] == "ephemeral");
    BOOST_TEST(ack.json()["text"].get<std::string>().find("`Asia/Tokyo`") != std::string::npos);
    BOOST_TEST(graph->db.direct().list_subscriptions().empty());
    ack = command("unsubscribe");
    BOOST_TEST(ack.json()["text"].get<std::string>().find("no scheduled digest") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(channels_in_different_zones_get_their_own_0800_and_a_shared_digest_is_built_once) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 Asia/Tokyo", "C0TOKYO");
    command("subscribe 08:00 Asia/Tokyo", "C0TOKYO2");
    command("subscribe 08:00 Europe/Berlin", "C0BERLIN");
    settle();
    BOOST_TEST(run_schedule("2026-12-02T23:00:00Z") == 2);
    BOOST_TEST(digests_in("C0TOKYO") == 1u);
    BOOST_TEST(digests_in("C0TOKYO2") == 1u);
    BOOST_TEST(digests_in("C0BERLIN") == 0u);
    BOOST_TEST(metrics.value("paperboy_digests_built_total", {{"profile", "llm"}}) == 1);
    BOOST_TEST(run_schedule("2026-12-03T06:59:00Z") == 0);
    BOOST_TEST(run_schedule("2026-12-03T07:00:00Z") == 1);  // 08:00 CET
    BOOST_TEST(digests_in("C0BERLIN") == 1u);
    BOOST_TEST(digests_in("C0TOKYO") == 1u);
}

BOOST_AUTO_TEST_CASE(a_run_missed_within_catch_up_is_delivered_late_with_a_note) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC");
    settle();
    // The server was down at 08:00 and runs again at 10:30.
    BOOST_TEST(run_schedule("2026-12-03T10:30:00Z") == 1);
    const auto posted = top_level("C0PAPERS");
    BOOST_REQUIRE_EQUAL(posted.size(), 2u);  // the note, then the digest (the confirmation was the command's answer)
    BOOST_TEST(posted[0].text.find("Delivered late: the server was down at 08:00") != std::string::npos, posted[0].text);
    BOOST_TEST(digests_in("C0PAPERS") == 1u);
    BOOST_TEST(runs("late") == 1);
}

BOOST_AUTO_TEST_CASE(a_run_missed_by_more_than_catch_up_is_skipped_and_the_next_one_comes) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC");
    settle();
    BOOST_TEST(run_schedule("2026-12-03T14:30:00Z") == 1);  // 6.5 h late
    BOOST_TEST(digests_in("C0PAPERS") == 0u);
    BOOST_TEST(runs("skipped") == 1);
    const auto history = graph->db.direct().list_schedule_runs(0, 10);
    BOOST_REQUIRE_EQUAL(history.size(), 1u);
    BOOST_TEST(history[0].state == "skipped");
    BOOST_TEST(run_schedule("2026-12-04T08:00:00Z") == 1);
    BOOST_TEST(digests_in("C0PAPERS") == 1u);
}

BOOST_AUTO_TEST_CASE(a_run_whose_worker_died_mid_run_is_taken_over_and_posted_once) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC");
    settle();
    // Another worker claimed the run and died before finishing it.
    BOOST_REQUIRE_EQUAL(claim_as_a_worker_that_dies(unix_at("2026-12-03T08:00:00Z")), 1u);
    BOOST_TEST(run_schedule("2026-12-03T08:00:30Z") == 0);  // still leased
    BOOST_TEST(run_schedule("2026-12-03T08:01:01Z") == 1);
    BOOST_TEST(run_schedule("2026-12-03T08:20:00Z") == 0);
    BOOST_TEST(digests_in("C0PAPERS") == 1u);
}

BOOST_AUTO_TEST_CASE(a_weekend_morning_says_why_there_is_nothing_new) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC daily");
    settle();
    sources_have_nothing();
    BOOST_TEST(run_schedule("2026-12-05T08:00:00Z") == 1);  // Saturday
    const auto posted = top_level("C0PAPERS");
    BOOST_REQUIRE_EQUAL(digests_in("C0PAPERS"), 1u);
    BOOST_TEST(posted.back().all_text().find("arXiv made no announcement") != std::string::npos,
               posted.back().all_text());
}

BOOST_AUTO_TEST_CASE(quiet_empty_days_post_nothing) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    store::subscription sub;
    sub.platform = "slack";
    sub.channel = "C0QUIET";
    sub.time_zone = "UTC";
    sub.weekdays = schedule::every_day;
    sub.quiet_empty_days = true;
    sub.origin = "cli";
    schedule::save(graph->db.direct(), sub, clock.now());
    sources_have_nothing();
    BOOST_TEST(run_schedule("2026-12-05T08:00:00Z") == 1);
    BOOST_TEST(slack_api.posts_in("C0QUIET").empty());
    BOOST_TEST(runs("quiet") == 1);
}

BOOST_AUTO_TEST_CASE(a_source_down_is_waited_for_then_the_digest_goes_out_partial_and_its_papers_follow) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC");
    settle();
    std::atomic<bool> hf_down{true};
    sources.hf.set_handler([&hf_down](const recorded_request& r) {
        if (hf_down) return scripted_reply{503, R"({"error":"unavailable"})"};
        return scripted_reply{200, r.target.find("p=0") != std::string::npos
                                       ? fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json")
                                       : std::string("[]")};
    });
    BOOST_TEST(run_schedule("2026-12-03T08:00:00Z") == 1);
    BOOST_TEST(digests_in("C0PAPERS") == 0u);  // waiting for Hugging Face
    BOOST_TEST(runs("waiting") == 1);
    // Retries back off (2, 4, 8, … min) until schedule.source_wait (2 h) is over.
    int rounds = 0;
    for (long long t = unix_at("2026-12-03T08:00:00Z"); digests_in("C0PAPERS") == 0 && rounds < 40; ++rounds) {
        t += 5 * 60;
        const std::string at = core::format_rfc3339(std::chrono::sys_seconds(std::chrono::seconds(t)));
        run_schedule(at.c_str());
    }
    BOOST_REQUIRE_EQUAL(digests_in("C0PAPERS"), 1u);
    BOOST_TEST(fixed_now.load() >= unix_at("2026-12-03T10:00:00Z"));
    const auto digest_post = top_level("C0PAPERS").back();
    BOOST_TEST(digest_post.all_text().find("Hugging Face") != std::string::npos, digest_post.all_text());
    const auto before = slack_api.thread("C0PAPERS", digest_post.ts).size();
    // Hugging Face is back: its papers follow in the digest's thread.
    hf_down = false;
    run_schedule("2026-12-03T10:30:00Z");
    const auto thread = slack_api.thread("C0PAPERS", digest_post.ts);
    BOOST_REQUIRE_GT(thread.size(), before);
    BOOST_TEST(thread[before].text.find("now that the missing sources answered") != std::string::npos,
               thread[before].text);
    BOOST_TEST(runs("completed") == 1);
    // Done: nothing more follows.
    const auto total = slack_api.posts().size();
    run_schedule("2026-12-03T12:00:00Z");
    BOOST_TEST(slack_api.posts().size() == total);
}

BOOST_AUTO_TEST_CASE(unsubscribe_stops_the_runs) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC");
    auto ack = command("unsubscribe");
    BOOST_TEST(ack.json()["text"].get<std::string>().find("no longer") != std::string::npos);
    settle();
    BOOST_TEST(run_schedule("2026-12-03T08:00:00Z") == 0);
    BOOST_TEST(digests_in("C0PAPERS") == 0u);
}

BOOST_AUTO_TEST_CASE(a_subscription_for_a_platform_that_is_not_connected_fails_its_run_and_says_why) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    store::subscription sub;
    sub.platform = "discord";
    sub.channel = "1234567890";
    sub.time_zone = "UTC";
    sub.origin = "config";
    schedule::save(graph->db.direct(), sub, clock.now());
    BOOST_TEST(run_schedule("2026-12-03T08:00:00Z") == 1);
    const auto history = graph->db.direct().list_schedule_runs(0, 10);
    BOOST_REQUIRE_EQUAL(history.size(), 1u);
    BOOST_TEST(history[0].state == "failed");
    BOOST_TEST(history[0].outcome.find("no bot token") != std::string::npos, history[0].outcome);
    BOOST_TEST(metrics.value("paperboy_schedule_runs_total", {{"platform", "discord"}, {"outcome", "failed"}}) == 1);
}

BOOST_AUTO_TEST_CASE(the_web_archive_is_a_subscriber_its_digest_is_built_on_schedule_with_no_chat_post) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    auto sync = boost::asio::co_spawn(ioc, graph->scheduler.sync_configured(), boost::asio::use_future);
    BOOST_TEST(sync.get() == 1);  // archive.enabled, no subscriptions in the file
    BOOST_TEST(graph->db.direct().list_digests(10).empty());
    BOOST_TEST(run_schedule("2026-12-03T07:59:00Z") == 0);
    BOOST_TEST(run_schedule("2026-12-03T08:00:00Z") == 1);  // archive.time 08:00 in time_zone (UTC)
    const auto digests = graph->db.direct().list_digests(10);
    BOOST_REQUIRE_EQUAL(digests.size(), 1u);
    BOOST_TEST(digests[0].key.day == "2026-12-03");
    BOOST_TEST(slack_api.posts().empty());
    BOOST_TEST(metrics.value("paperboy_schedule_runs_total", {{"platform", "archive"}, {"outcome", "delivered"}}) == 1);
    // Syncing again (a restart) keeps one archive subscription and its next run.
    auto again = boost::asio::co_spawn(ioc, graph->scheduler.sync_configured(), boost::asio::use_future);
    again.get();
    const auto subs = graph->db.direct().list_subscriptions();
    BOOST_REQUIRE_EQUAL(subs.size(), 1u);
    BOOST_TEST(subs[0].next_local_date == "2026-12-04");
}

BOOST_AUTO_TEST_CASE(a_monday_in_tokyo_gets_the_papers_of_the_utc_friday_it_would_otherwise_skip) {
    // Digest days are UTC days (time_zone); 08:00 Monday to Friday in Tokyo are Sunday to Thursday
    // in UTC. Only Friday's digest (Hugging Face's Thursday) has papers here.
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    sources.hf.set_handler([](const recorded_request& r) {
        const bool thursday = r.target.find("date=2026-12-03&p=0") != std::string::npos;
        return scripted_reply{200, thursday ? fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json") : "[]"};
    });
    command("subscribe 08:00 Asia/Tokyo");
    settle();
    BOOST_TEST(run_schedule("2026-12-03T23:00:00Z") == 1);  // Friday 08:00 JST: UTC Thursday's digest
    BOOST_TEST(run_schedule("2026-12-06T23:00:00Z") == 1);  // Monday 08:00 JST: UTC Sunday is quiet
    const auto posted = top_level("C0PAPERS");
    BOOST_REQUIRE_EQUAL(posted.size(), 2u);
    auto monday = stored_digest("C0PAPERS", posted.back().ts);
    BOOST_REQUIRE(monday);
    BOOST_TEST(monday->day == "2026-12-04");  // the skipped UTC Friday, with its papers
    BOOST_TEST(graph->db.direct().load_digest(*monday)->find("\"entries\":[]") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_schedule_set_in_the_configuration_is_not_changed_from_chat) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    store::subscription sub;
    sub.platform = "slack";
    sub.channel = "C0PAPERS";
    sub.time_zone = "UTC";
    sub.origin = "config";
    schedule::save(graph->db.direct(), sub, clock.now());
    for (const char* text : {"subscribe 09:00", "unsubscribe"}) {
        auto ack = command(text);
        BOOST_TEST(ack.json()["response_type"] == "ephemeral");
        BOOST_TEST(ack.json()["text"].get<std::string>().find("configuration file") != std::string::npos);
    }
    const auto subs = graph->db.direct().list_subscriptions();
    BOOST_REQUIRE_EQUAL(subs.size(), 1u);
    BOOST_TEST(subs[0].time == "08:00");
}

BOOST_AUTO_TEST_CASE(a_run_whose_workers_keep_dying_is_given_up_after_five_attempts_and_counted) {
    fixed_now = unix_at("2026-12-02T12:00:00Z");
    start();
    command("subscribe 08:00 UTC");
    settle();
    for (int i = 0; i < 5; ++i)  // five workers claimed it and died, one after another's lease
        BOOST_REQUIRE_EQUAL(claim_as_a_worker_that_dies(unix_at("2026-12-03T08:00:00Z") + i * 61), 1u);
    BOOST_TEST(run_schedule("2026-12-03T08:06:00Z") == 1);
    const auto history = graph->db.direct().list_schedule_runs(0, 10);
    BOOST_REQUIRE_EQUAL(history.size(), 1u);
    BOOST_TEST(history[0].state == "failed");
    BOOST_TEST(history[0].outcome.find("gave up after 5 attempts") != std::string::npos, history[0].outcome);
    BOOST_TEST(runs("failed") == 1);
    BOOST_TEST(digests_in("C0PAPERS") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
