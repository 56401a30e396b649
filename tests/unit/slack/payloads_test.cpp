#include "paperboy/chat/slack/payloads.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy::chat::slack;
using test::read_fixture;

BOOST_AUTO_TEST_SUITE(slack_payloads)

BOOST_AUTO_TEST_CASE(slash_command_from_slacks_signing_example) {
    const auto c = parse_slash_command(read_fixture("slash_command_signing_example.body.txt"));
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->team_id == "T1DC2JH3J");
    BOOST_TEST(c->channel_id == "G8PSS9T3V");
    BOOST_TEST(c->user_id == "U2CERLKJA");
    BOOST_TEST(c->command == "/webhook-collect");
    BOOST_TEST(c->text == "");
    BOOST_TEST(c->response_url == "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN");
    BOOST_TEST(c->trigger_id == "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
}

BOOST_AUTO_TEST_CASE(slash_command_text_and_required_fields) {
    const auto c = parse_slash_command("channel_id=C1&command=%2Fpapers&text=subscribe+7%3A30+Asia%2FTokyo");
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->text == "subscribe 7:30 Asia/Tokyo");
    BOOST_TEST(!parse_slash_command("command=%2Fpapers&text=today").has_value());
    BOOST_TEST(!parse_slash_command("channel_id=C1&text=today").has_value());
    BOOST_TEST(!parse_slash_command("channel_id=&command=%2Fpapers").has_value());
    BOOST_TEST(parse_slash_command("").err().message.find("channel_id") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(event_callback_message) {
    const auto e = parse_event(read_fixture("events_api_event_callback_message.json"));
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->type == "event_callback");
    BOOST_TEST(e->event_id == "Ev079SP4TP1P");
    BOOST_TEST(e->team_id == "T06NRA6HM3P");
    BOOST_TEST(e->api_app_id == "A0757RM31HN");
    BOOST_TEST(e->event_type == "message");
    BOOST_TEST(e->subtype == "");
    BOOST_TEST(e->channel == "C06NRA6JLER");
    BOOST_TEST(e->user == "U06NU4E26M9");
    BOOST_TEST(e->bot_id == "");
    BOOST_TEST(e->text == "Hello, this is a normal text message");
    BOOST_TEST(e->ts == "1719209506.817929");
    BOOST_TEST(e->thread_ts == "");
    BOOST_TEST(e->challenge == "");
    BOOST_TEST(e->authorization_user_ids == std::vector<std::string>{"U074G5E1ANR"});
    BOOST_TEST(!is_own_or_ignored(*e, "U074G5E1ANR"));
    BOOST_TEST(is_own_or_ignored(*e, "U06NU4E26M9"));  // as if the bot had written it
}

BOOST_AUTO_TEST_CASE(url_verification) {
    const auto e = parse_event(read_fixture("events_api_url_verification.json"));
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->type == "url_verification");
    BOOST_TEST(e->challenge == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    BOOST_TEST(e->event_type == "");
}

BOOST_AUTO_TEST_CASE(app_rate_limited) {
    const auto e = parse_event(read_fixture("events_api_app_rate_limited.json"));
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->type == "app_rate_limited");
    BOOST_TEST(e->team_id == "T123ABC456");
    BOOST_TEST(e->api_app_id == "A123ABC456");
    BOOST_TEST(e->event_id == "");
}

BOOST_AUTO_TEST_CASE(app_mention_in_a_thread) {
    const auto e = parse_event(R"({"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention",
        "user":"U1","text":"<@U0LAN0Z89> 3","ts":"2.0","thread_ts":"1.0","channel":"C1"},
        "authorizations":[{"user_id":"U0LAN0Z89"},{"user_id":7},"x"]})");
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->event_type == "app_mention");
    BOOST_TEST(e->thread_ts == "1.0");
    BOOST_TEST(e->text == "<@U0LAN0Z89> 3");
    BOOST_TEST(e->authorization_user_ids == std::vector<std::string>{"U0LAN0Z89"});  // odd entries skipped
}

const char* bad_events[] = {
    "", "not json", "[]", "\"event_callback\"", "{}", R"({"type":7})", R"({"type":"url_verification"})",
    R"({"type":"event_callback"})", R"({"type":"event_callback","event":"message"})", "{\"type\":\"event_callback\"",
};

BOOST_DATA_TEST_CASE(rejects_malformed_events, bdata::make(bad_events), body) {
    BOOST_TEST(!parse_event(body).has_value());
}

BOOST_AUTO_TEST_CASE(wrongly_typed_fields_read_as_absent) {
    const auto e = parse_event(R"({"type":"event_callback","event":{"type":"message","user":{"id":"U1"},
        "text":null,"channel":{"id":"C1"},"ts":1.5}})");
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->user == "");
    BOOST_TEST(e->text == "");
    BOOST_TEST(e->channel == "");
    BOOST_TEST(e->ts == "");
    BOOST_TEST(is_own_or_ignored(*e, "UBOT"));  // no user: nothing to answer
}

struct ignore_case {
    const char* what;
    event e;
    bool ignored;
};
std::ostream& operator<<(std::ostream& os, const ignore_case& c) { return os << c.what; }

const ignore_case ignore_cases[] = {
    {"a person's message", {.event_type = "message", .user = "U1", .text = "3"}, false},
    {"a person's thread reply", {.event_type = "message", .user = "U1", .thread_ts = "1.0"}, false},
    {"a person's thread_broadcast", {.event_type = "message", .subtype = "thread_broadcast", .user = "U1"}, false},
    {"our own message", {.event_type = "message", .user = "UBOT"}, true},
    {"any bot", {.event_type = "message", .user = "U2", .bot_id = "B1"}, true},
    {"bot_message", {.event_type = "message", .subtype = "bot_message"}, true},
    {"bot_message with a user", {.event_type = "message", .subtype = "bot_message", .user = "U1"}, true},
    {"message_changed", {.event_type = "message", .subtype = "message_changed"}, true},
    {"message_deleted", {.event_type = "message", .subtype = "message_deleted"}, true},
    {"channel_join", {.event_type = "message", .subtype = "channel_join", .user = "U1"}, true},
    {"no user", {.event_type = "message", .text = "3"}, true},
};

BOOST_DATA_TEST_CASE(ignores_bots_and_subtypes, bdata::make(ignore_cases), c) {
    BOOST_TEST(is_own_or_ignored(c.e, "UBOT") == c.ignored);
}

BOOST_AUTO_TEST_SUITE_END()
