// Replies in a digest's thread end to end: a message or mention naming a paper by number, id or
// title words gets that paper in full in the same thread, exactly once even when Slack redelivers
// the event; an id the digest does not carry is fetched and summarised; the bot's own messages and
// message subtypes are ignored; the Summary button does the same as a reply.
#include "slack_fixture.hpp"

#include "paperboy/bot/reply.hpp"

using namespace paperboy;
using namespace paperboy::test::slack;
using namespace std::chrono_literals;

BOOST_FIXTURE_TEST_SUITE(slack_threads, slack_fixture)

BOOST_AUTO_TEST_CASE(a_reply_3_gets_paper_3_in_the_thread_exactly_once_even_when_slack_retries) {
    start();
    const auto d = post_today();
    const auto before = slack_api.thread(d.channel, d.ts).size();
    const auto& third = entry(d.digest, 3);

    auto ack = thread_reply("Ev0REPLY3", d.channel, d.ts, "3");
    BOOST_TEST(ack.status == 200u);
    BOOST_TEST(ack.elapsed < 1000ms);
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() > before; }));
    settle();
    auto thread = slack_api.thread(d.channel, d.ts);
    BOOST_REQUIRE_EQUAL(thread.size(), before + 1);
    BOOST_TEST(shows_entry(thread.back(), third));
    BOOST_TEST(thread.back().thread_ts == d.ts);
    for (int other : {1, 2, 4, 5})
        BOOST_TEST(thread.back().all_text().find(render::mrkdwn_escape(entry(d.digest, other).paper.title)) ==
                   std::string::npos);

    // Slack did not see the acknowledgement and delivers the same event again, twice.
    const std::string body =
        event_envelope("Ev0REPLY3", message_event("message", d.channel, d.ts, "3", human, "1780000999.555555"),
                       bot_user)
            .dump();
    for (const std::string retry : {"1", "2"}) {
        auto again = send_signed("/slack/events", body, "application/json",
                                 {{"X-Slack-Retry-Num", retry}, {"X-Slack-Retry-Reason", "http_timeout"}});
        BOOST_TEST(again.status == 200u);
    }
    settle();
    BOOST_TEST(slack_api.thread(d.channel, d.ts).size() == before + 1);
    BOOST_TEST(metrics.value("paperboy_slack_requests_total", {{"route", "/slack/events"}, {"outcome", "duplicate"}}) ==
               2);

    // A redelivery of an event whose first delivery never reached us is answered.
    const std::string lost =
        event_envelope("Ev0LOST1", message_event("message", d.channel, d.ts, "paper 1", human, "1780000999.666666"),
                       bot_user)
            .dump();
    BOOST_TEST(send_signed("/slack/events", lost, "application/json",
                           {{"X-Slack-Retry-Num", "1"}, {"X-Slack-Retry-Reason", "http_error"}})
                   .status == 200u);
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() == before + 2; }));
    settle();
    BOOST_TEST(shows_entry(slack_api.thread(d.channel, d.ts).back(), entry(d.digest, 1)));

    // "#3" as a new message is a new question and gets answered.
    thread_reply("Ev0REPLY3B", d.channel, d.ts, "#3");
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() == before + 3; }));
    settle();
    BOOST_TEST(shows_entry(slack_api.thread(d.channel, d.ts).back(), third));
}

BOOST_AUTO_TEST_CASE(a_reply_naming_a_paper_by_id_or_title_words_gets_that_paper) {
    start();
    const auto d = post_today();
    const auto& fourth = entry(d.digest, 4);
    const auto before = slack_api.thread(d.channel, d.ts).size();
    thread_reply("Ev0BYID", d.channel, d.ts,
                 "tell me more about <https://arxiv.org/abs/" + fourth.paper.arxiv_id + ">");
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() == before + 1; }));
    settle();
    BOOST_TEST(shows_entry(slack_api.thread(d.channel, d.ts).back(), fourth));
    BOOST_TEST(!sources.id_list_requested(fourth.paper.arxiv_id));  // in the digest: nothing to fetch

    // Title words (the whole title, lower case, in a sentence).
    const auto& fifth = entry(d.digest, 5);
    std::string title = fifth.paper.title;
    for (auto& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string by_title = "can someone explain the " + title + " paper";
    BOOST_REQUIRE(bot::resolve_reply(by_title, d.digest) == 5);
    thread_reply("Ev0BYTITLE", d.channel, d.ts, by_title);
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() == before + 2; }));
    settle();
    BOOST_TEST(shows_entry(slack_api.thread(d.channel, d.ts).back(), fifth));

    // Chat that names no paper gets no answer.
    thread_reply("Ev0CHAT", d.channel, d.ts, "nice, thanks for sharing these");
    settle();
    BOOST_TEST(slack_api.thread(d.channel, d.ts).size() == before + 2);
}

BOOST_AUTO_TEST_CASE(an_arxiv_id_not_in_the_digest_is_fetched_summarised_and_posted_in_the_thread) {
    start();
    const auto d = post_today();
    for (const auto& e : d.digest.entries) BOOST_TEST(e.paper.arxiv_id != "2104.12255");
    const auto before = slack_api.thread(d.channel, d.ts).size();
    thread_reply("Ev0FETCH", d.channel, d.ts, "what about arXiv:2104.12255?");
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() == before + 1; }));
    settle();
    BOOST_TEST(sources.id_list_requested("2104.12255"));
    const auto reply = slack_api.thread(d.channel, d.ts).back();
    BOOST_TEST(reply.all_text().find("https://arxiv.org/abs/2104.12255") != std::string::npos);
    BOOST_TEST(slack_api.thread(d.channel, d.ts).size() == before + 1);
}

BOOST_AUTO_TEST_CASE(the_bots_own_messages_and_message_subtypes_are_ignored) {
    start();
    const auto d = post_today();
    const auto before = slack_api.posts().size();

    // The bot's own user (authorizations[0].user_id == event.user).
    event(event_envelope("Ev0OWN1", message_event("message", d.channel, d.ts, "3", bot_user, "1780000999.000101"),
                         bot_user));
    // A bot_id (what chat.postMessage's own posts come back with), as a bot_message too.
    auto with_bot = message_event("message", d.channel, d.ts, "3", bot_user, "1780000999.000102");
    with_bot["bot_id"] = "BBOT";
    event(event_envelope("Ev0OWN2", with_bot, bot_user));
    auto bot_message = message_event("message", d.channel, d.ts, "#2", "", "1780000999.000103");
    bot_message.erase("user");
    bot_message["subtype"] = "bot_message";
    bot_message["bot_id"] = "B0OTHER";
    event(event_envelope("Ev0OWN3", bot_message, bot_user));
    // An edit of a person's message that now says "3", and a deletion.
    nlohmann::json changed = {{"type", "message"},
                              {"subtype", "message_changed"},
                              {"channel", d.channel},
                              {"hidden", true},
                              {"ts", "1780000999.000104"},
                              {"event_ts", "1780000999.000104"},
                              {"message", message_event("message", d.channel, d.ts, "3", human, "1780000999.000099")}};
    event(event_envelope("Ev0EDIT", changed, bot_user));
    nlohmann::json deleted = {{"type", "message"},
                              {"subtype", "message_deleted"},
                              {"channel", d.channel},
                              {"hidden", true},
                              {"deleted_ts", "1780000999.000099"},
                              {"ts", "1780000999.000105"},
                              {"event_ts", "1780000999.000105"},
                              {"thread_ts", d.ts}};
    event(event_envelope("Ev0DELETE", deleted, bot_user));
    // A person's message that mentions the bot: answered as the app_mention event only.
    thread_reply("Ev0MSGMENTION", d.channel, d.ts, "<@" + bot_user + "> 3");

    BOOST_TEST(graph->slack->jobs_in_flight() == 0);
    settle();
    BOOST_TEST(slack_api.posts().size() == before);
}

BOOST_AUTO_TEST_CASE(an_app_mention_in_the_thread_naming_2_gets_paper_2) {
    start();
    const auto d = post_today();
    const auto before = slack_api.thread(d.channel, d.ts).size();
    const std::string text = "<@" + bot_user + "> #2";
    // Slack sends both a message event and an app_mention for it: one answer.
    thread_reply("Ev0MENTIONMSG", d.channel, d.ts, text, "message");
    auto ack = thread_reply("Ev0MENTION", d.channel, d.ts, text, "app_mention");
    BOOST_TEST(ack.status == 200u);
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() > before; }));
    settle();
    const auto thread = slack_api.thread(d.channel, d.ts);
    BOOST_REQUIRE_EQUAL(thread.size(), before + 1);
    BOOST_TEST(shows_entry(thread.back(), entry(d.digest, 2)));
}

BOOST_AUTO_TEST_CASE(the_summary_button_posts_that_paper_in_the_digests_thread) {
    start();
    const auto d = post_today();
    // The button of paper 4, as the digest message carries it.
    std::string value, block_id;
    for (const auto& b : d.channel_messages.front().body["blocks"])
        if (b.contains("accessory") && b.value("block_id", "") == "paper_4") {
            BOOST_TEST(b["accessory"]["action_id"] == std::string(render::summary_action_id));
            value = b["accessory"]["value"];
            block_id = b["block_id"];
        }
    BOOST_REQUIRE(!value.empty());
    const auto before = slack_api.thread(d.channel, d.ts).size();
    const auto trigger = next_trigger();
    const auto body = block_actions_body(d.channel, d.ts, std::string(render::summary_action_id), block_id, value,
                                         responder.url("/actions/T0B0XJCTC/1/x"), trigger);
    auto ack = send_signed("/slack/interactivity", body, "application/x-www-form-urlencoded");
    BOOST_TEST(ack.status == 200u);
    BOOST_TEST(ack.elapsed < 1000ms);
    BOOST_REQUIRE(eventually([&] { return slack_api.thread(d.channel, d.ts).size() > before; }));
    settle();
    auto thread = slack_api.thread(d.channel, d.ts);
    BOOST_REQUIRE_EQUAL(thread.size(), before + 1);
    BOOST_TEST(shows_entry(thread.back(), entry(d.digest, 4)));
    BOOST_TEST(responder.peer.request_count() == 0u);  // posted with the token, not via response_url

    // The same press delivered again (same trigger_id) posts nothing more.
    BOOST_TEST(send_signed("/slack/interactivity", body, "application/x-www-form-urlencoded").status == 200u);
    settle();
    BOOST_TEST(slack_api.thread(d.channel, d.ts).size() == before + 1);

    // Another action on the message (not ours) is acknowledged and ignored.
    const auto other = block_actions_body(d.channel, d.ts, "=tU", "3Yv+u", "recWTcxEQVKjwpIIf",
                                          responder.url("/actions/T0B0XJCTC/2/x"), next_trigger());
    BOOST_TEST(send_signed("/slack/interactivity", other, "application/x-www-form-urlencoded").status == 200u);
    settle();
    BOOST_TEST(slack_api.thread(d.channel, d.ts).size() == before + 1);
}

BOOST_AUTO_TEST_SUITE_END()
