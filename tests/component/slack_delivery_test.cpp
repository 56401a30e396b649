// The Web API side end to end (external-apis.md f.5): an ok:false answer is reported to the user
// through the response_url and its outbox item marked failed without a retry; a 429 with
// Retry-After is waited out and the message posted once; posts to one channel are paced.
#include "slack_fixture.hpp"

using namespace paperboy;
using namespace paperboy::test::slack;
using namespace std::chrono_literals;

BOOST_FIXTURE_TEST_SUITE(slack_delivery, slack_fixture)

BOOST_AUTO_TEST_CASE(not_in_channel_is_reported_through_the_response_url_and_the_item_marked_failed) {
    start();
    slack_api.fail_channel("C0PRIVATE", "not_in_channel");
    auto ack = command("today", "C0PRIVATE", responder.url("/commands/T0001/7/secret"));
    BOOST_TEST(ack.status == 200u);
    BOOST_REQUIRE(eventually([&] { return responder.peer.request_count() > 0; }));
    settle();

    BOOST_TEST(slack_api.attempts_in("C0PRIVATE") == 1u);  // a permanent error: not retried
    BOOST_TEST(slack_api.posts().empty());
    const auto reports = responder.messages();
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0]["response_type"] == "ephemeral");  // only the invoker sees it
    BOOST_TEST(reports[0]["text"].get<std::string>().find("not_in_channel") != std::string::npos);
    BOOST_TEST(responder.peer.requests()[0].target == "/commands/T0001/7/secret");

    // The digest message failed once and for good; its thread's messages failed with it, unsent;
    // the report went to the response_url.
    const auto rows = outbox();
    BOOST_REQUIRE_GE(rows.size(), 2u);
    BOOST_TEST(rows.front().platform == "slack");
    BOOST_TEST(rows.front().channel == "C0PRIVATE");
    BOOST_TEST(rows.front().state == "failed");
    BOOST_TEST(rows.front().last_error == "not_in_channel");
    BOOST_TEST(rows.front().attempts == 1);
    for (std::size_t i = 1; i + 1 < rows.size(); ++i) {
        BOOST_TEST(rows[i].state == "failed");
        BOOST_TEST(rows[i].attempts == 0);
    }
    BOOST_TEST(rows.back().platform == "slack-response");
    BOOST_TEST(rows.back().state == "sent");
    BOOST_TEST(metrics.value("paperboy_deliveries_total", {{"platform", "slack"}, {"outcome", "failed"}}) == 1);
    BOOST_TEST(graph->db.direct().list_outbox("pending", 100).empty());
}

BOOST_AUTO_TEST_CASE(other_ok_false_errors_are_reported_too) {
    start();
    for (const std::string error : {"channel_not_found", "invalid_blocks"}) {
        const std::string channel = "C0" + error.substr(0, 6);
        slack_api.fail_channel(channel, error);
        BOOST_TEST_CONTEXT(error) {
            const auto reports_before = responder.peer.request_count();
            command("paper 2104.12255", channel);
            BOOST_REQUIRE(eventually([&] { return responder.peer.request_count() > reports_before; }));
            settle();
            BOOST_TEST(slack_api.attempts_in(channel) == 1u);
            BOOST_TEST(responder.messages().back()["text"].get<std::string>().find(error) != std::string::npos);
            BOOST_TEST(responder.messages().back()["response_type"] == "ephemeral");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_429_with_retry_after_is_waited_out_and_the_message_posted_once) {
    start();
    slack_api.peer.push({429, R"({"ok":false,"error":"ratelimited"})", "application/json", {{"Retry-After", "1"}}});
    auto ack = command("paper 2104.12255", "C0LIMITED");
    BOOST_TEST(ack.status == 200u);
    BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in("C0LIMITED").empty(); }, 10s));
    settle();

    const auto requests = slack_api.peer.requests();
    BOOST_REQUIRE_EQUAL(requests.size(), 2u);  // the limited attempt and the retry
    BOOST_TEST(requests[0].body == requests[1].body);
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(requests[1].arrived - requests[0].arrived);
    BOOST_TEST(waited >= 950ms, "retried after " << waited.count() << " ms");  // Retry-After: 1
    BOOST_TEST(slack_api.posts_in("C0LIMITED").size() == 1u);
    const auto rows = outbox();
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_TEST(rows[0].state == "sent");
    BOOST_TEST(rows[0].remote_id == slack_api.posts_in("C0LIMITED")[0].ts);
    BOOST_TEST(responder.peer.request_count() == 0u);  // nothing to report
}

BOOST_AUTO_TEST_CASE(posts_to_one_channel_are_paced_and_other_channels_are_not_held_up) {
    start();
    // One digest: its channel message and five thread messages, all into C0PACED.
    const auto d = post_today("C0PACED");
    const auto posts = slack_api.posts_in("C0PACED");
    BOOST_REQUIRE_GE(posts.size(), 6u);
    for (std::size_t i = 1; i < posts.size(); ++i) {
        const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(posts[i].arrived - posts[i - 1].arrived);
        // Start-to-start pacing on our side; arrival at the fake jitters under load (ASan, 2 cores),
        // so half the interval: without pacing the posts would be a few ms apart.
        BOOST_TEST(gap >= per_channel_interval / 2,
                   "posts " << i - 1 << " and " << i << " were " << gap.count() << " ms apart");
    }

    // Two channels at once: each is paced on its own, so both finish in about one channel's time.
    thread_reply("Ev0PACE1", d.channel, d.ts, "1");
    thread_reply("Ev0PACE2", d.channel, d.ts, "2");
    command("paper 2104.12255", "C0OTHER");
    BOOST_REQUIRE(eventually([&] {
        return slack_api.thread(d.channel, d.ts).size() == d.thread.size() + 2 &&
               !slack_api.posts_in("C0OTHER").empty();
    }));
    settle();
    const auto thread = slack_api.thread(d.channel, d.ts);
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(thread[thread.size() - 1].arrived -
                                                                           thread[thread.size() - 2].arrived);
    BOOST_TEST(gap >= per_channel_interval / 2, gap.count() << " ms apart");
}

BOOST_AUTO_TEST_CASE(ok_false_ratelimited_with_http_200_is_retried_and_posted_once) {
    start();
    slack_api.peer.push({200, R"({"ok":false,"error":"ratelimited"})", "application/json", {{"Retry-After", "1"}}});
    command("paper 2104.12255", "C0SOFTLIMIT");
    BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in("C0SOFTLIMIT").empty(); }, 10s));
    settle();
    BOOST_TEST(slack_api.attempts_in("C0SOFTLIMIT") == 2u);
    BOOST_TEST(slack_api.posts_in("C0SOFTLIMIT").size() == 1u);
    const auto rows = outbox();
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_TEST(rows[0].state == "sent");
    BOOST_TEST(rows[0].attempts == 1);  // a rate limit does not use up an attempt
    BOOST_TEST(responder.peer.request_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_lost_answer_is_looked_up_by_its_metadata_and_not_posted_twice) {
    start();
    slack_api.lose_answers(1);  // Slack posts it, and the connection drops before the answer
    command("paper 2104.12255", "C0LOST");
    BOOST_REQUIRE(eventually([&] {
        auto rows = outbox();
        return rows.size() == 1 && rows[0].state == "sent";
    }));
    settle();
    const auto posts = slack_api.posts_in("C0LOST");
    BOOST_REQUIRE_EQUAL(posts.size(), 1u);
    BOOST_TEST(outbox()[0].remote_id == posts[0].ts);
    BOOST_TEST(posts[0].key == outbox()[0].key);
    BOOST_TEST(slack_api.history_reads() == 1u);
    BOOST_TEST(metrics.value("paperboy_deliveries_total", {{"platform", "slack"}, {"outcome", "reconciled"}}) == 1);
}

BOOST_AUTO_TEST_CASE(two_channels_with_different_languages_get_digests_in_their_own) {
    start();
    auto ack = command("settings language ja", "C0JA");
    BOOST_TEST(ack.json()["response_type"] == "in_channel");
    BOOST_TEST(ack.json()["text"].get<std::string>().find("`ja`") != std::string::npos);
    BOOST_TEST(command("settings", "C0JA").json()["text"].get<std::string>().find("`ja`") != std::string::npos);
    const auto ja = post_today("C0JA");
    const auto en = post_today("C0EN");
    BOOST_TEST(ja.digest.language == "ja");
    BOOST_TEST(en.digest.language == "en");
    BOOST_TEST(ja.channel_messages[0].all_text() != en.channel_messages[0].all_text());
    // Both days' digests are stored, one per language; the papers are the same day's.
    BOOST_TEST(ja.digest.entries.size() == en.digest.entries.size());
}

BOOST_AUTO_TEST_CASE(two_requests_for_a_new_day_build_it_once) {
    sources.hf_delay_ms = 300;  // both requests arrive while the first build is under way
    start();
    command("today", "C0ONE");
    command("today", "C0TWO");
    BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in("C0ONE").empty() && !slack_api.posts_in("C0TWO").empty(); }));
    settle();
    BOOST_TEST(metrics.value("paperboy_digests_built_total", {{"profile", "llm"}}) == 1);
    BOOST_TEST(slack_api.posts_in("C0ONE")[0].text == slack_api.posts_in("C0TWO")[0].text);
}

BOOST_AUTO_TEST_SUITE_END()
