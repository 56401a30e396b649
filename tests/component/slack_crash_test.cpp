// Exactly once across crashes (README "How a post is delivered"): the real `paperboy serve` is
// killed with SIGKILL at the worst moments of a delivery and started again on the same database.
//  1. Slack received chat.postMessage, and its answer never came back (the process dies waiting).
//  2. Slack answered, and the process died before the row was marked sent (failpoint).
// Either way the restarted server finds the message by its metadata and marks the row sent: the
// message is in the channel exactly once, never lost and never doubled.
#include "crash_fixture.hpp"

using namespace paperboy::test;
using namespace paperboy::test::slack;
using namespace paperboy::test::crash;
using namespace std::chrono_literals;


BOOST_FIXTURE_TEST_SUITE(slack_crash, crash_fixture)

BOOST_AUTO_TEST_CASE(killed_while_slack_was_answering_the_post_is_found_not_repeated) {
    start();
    slack_api.stall_answers(1);
    BOOST_TEST(command("paper 2104.12255", "C0CRASH1", "1.1.crash1").status == 200u);
    BOOST_REQUIRE(eventually([&] { return slack_api.posts_in("C0CRASH1").size() == 1; }));
    const int status = stop(SIGKILL);  // Slack has the message; we never heard back
    BOOST_TEST(WIFSIGNALED(status));
    const auto state = outbox().at(0).state;
    BOOST_TEST((state == "claimed" || state == "unknown"), state);  // unknown if its 1 s timeout came first
    start();
    require_exactly_once("C0CRASH1");
}

BOOST_AUTO_TEST_CASE(killed_after_slack_answered_but_before_the_mark_the_post_is_found_not_repeated) {
    start({"PAPERBOY_FAILPOINTS=outbox.after_send"});
    BOOST_TEST(command("paper 2104.12255", "C0CRASH2", "1.1.crash2").status == 200u);
    const int status = stop();  // the failpoint kills it right after Slack's answer
    BOOST_TEST(WIFSIGNALED(status));
    BOOST_TEST(WTERMSIG(status) == SIGKILL);
    BOOST_REQUIRE_EQUAL(slack_api.posts_in("C0CRASH2").size(), 1u);
    BOOST_TEST(outbox().at(0).state == "claimed");
    start();
    require_exactly_once("C0CRASH2");
}

BOOST_AUTO_TEST_CASE(sigterm_hands_back_claims_and_exits_cleanly) {
    start();
    slack_api.stall_answers(1);
    BOOST_TEST(command("paper 2104.12255", "C0TERM", "1.1.term").status == 200u);
    BOOST_REQUIRE(eventually([&] { return slack_api.posts_in("C0TERM").size() == 1; }));
    const int status = stop(SIGTERM);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    const auto rows = outbox();
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_TEST((rows[0].state == "unknown" || rows[0].state == "sent"), rows[0].state);
    start();
    require_exactly_once("C0TERM");
}

BOOST_AUTO_TEST_CASE(sigterm_during_a_cold_digest_build_exits_cleanly) {
    llm_delay_ms = 60'000;  // the build waits on the LLM
    start();
    BOOST_TEST(command("today", "C0COLD", "1.1.cold").status == 200u);
    BOOST_REQUIRE(eventually([&] { return llm.request_count() > 0; }));
    const int status = stop(SIGTERM);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    const auto err = stderr_of(starts);
    BOOST_TEST(err.find("AddressSanitizer") == std::string::npos, err);
    BOOST_TEST(err.find("runtime error") == std::string::npos, err);
    BOOST_TEST(err.find("shutdown complete") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_event_whose_job_died_is_answered_when_slack_delivers_it_again) {
    llm_delay_ms = 60'000;
    start();
    BOOST_TEST(mention("Ev0DIED", "C0EVENT").status == 200u);
    BOOST_REQUIRE(eventually([&] { return llm.request_count() > 0; }));
    stop(SIGKILL);  // acknowledged, then gone before the answer was enqueued
    BOOST_TEST(outbox().empty());
    llm_delay_ms = 0;  // the LLM now refuses at once: extractive stand-ins, and the digest is done
    start();
    BOOST_TEST(mention("Ev0DIED", "C0EVENT", 1).status == 200u);  // Slack's retry of the same event
    BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in("C0EVENT").empty(); }));
    BOOST_REQUIRE(eventually([&] {
        for (const auto& r : outbox())
            if (r.state != "sent") return false;
        return true;
    }));
    // A third delivery of it is a duplicate now: nothing more is posted.
    const auto posted = slack_api.posts().size();
    BOOST_TEST(mention("Ev0DIED", "C0EVENT", 2).status == 200u);
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(slack_api.posts().size() == posted);
}

BOOST_AUTO_TEST_SUITE_END()
