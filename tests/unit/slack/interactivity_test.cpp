// Button presses (block_actions) and Web API answers.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cctype>

#include "fixture.hpp"
#include "paperboy/chat/slack/payloads.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy::chat::slack;
using test::read_fixture;

namespace {

std::string form_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string payload_form(std::string_view json) { return "payload=" + form_encode(json); }

}  // namespace

BOOST_AUTO_TEST_SUITE(slack_interactivity)

BOOST_AUTO_TEST_CASE(recorded_block_actions) {
    const auto a = parse_interactivity(read_fixture("interactivity_block_actions.form.txt"));
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(a->user_id == "UHN295AA0");
    BOOST_TEST(a->channel_id == "CDCQLNMEF");
    BOOST_TEST(a->message_ts == "1572428564.002300");
    BOOST_TEST(a->thread_ts == "");
    // The recording escapes '/' as "\/" inside the JSON; the parsed URL has plain slashes.
    BOOST_TEST(a->response_url == "https://hooks.slack.com/actions/T0B0XJCTC/814613123445/YDP2bi3aPQWs2eFE3LKj58XC");
    BOOST_TEST(a->action_id == "=tU");
    BOOST_TEST(a->value == "recWTcxEQVKjwpIIf");
    BOOST_TEST(a->trigger_id == "801820457346.11031624930.ef92ce73dd2d8e76340af4f241c28b1e");
    BOOST_TEST(a->ephemeral);
}

BOOST_AUTO_TEST_CASE(summary_button_on_a_threaded_message) {
    const auto a = parse_interactivity(payload_form(R"({"type":"block_actions","user":{"id":"U1"},
        "container":{"type":"message","message_ts":"2.0","channel_id":"C9","is_ephemeral":false},
        "message":{"ts":"2.0","thread_ts":"1.0","text":"digest"},"response_url":"https://hooks.slack.com/actions/x",
        "actions":[{"action_id":"paper_summary","value":"2026-02-23|llm|3|2602.10693","type":"button"},
                   {"action_id":"second","value":"ignored"}]})"));
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(a->channel_id == "C9");  // from the container when there is no channel object
    BOOST_TEST(a->message_ts == "2.0");
    BOOST_TEST(a->thread_ts == "1.0");
    BOOST_TEST(a->action_id == "paper_summary");
    BOOST_TEST(a->value == "2026-02-23|llm|3|2602.10693");
    BOOST_TEST(!a->ephemeral);
}

const char* bad_forms[] = {
    "",
    "payload=",
    "other=%7B%7D",
    "payload=not+json",
    "payload=%5B%5D",                                                                  // []
    "payload=%7B%22type%22%3A%22view_submission%22%7D",                                // other type
    "payload=%7B%22type%22%3A%22block_actions%22%7D",                                  // no actions
    "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D",         // empty actions
    "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B1%5D%7D",        // action not an object
};

BOOST_DATA_TEST_CASE(rejects_malformed_payloads, bdata::make(bad_forms), form) {
    BOOST_TEST(!parse_interactivity(form).has_value());
}

struct reply_case {
    const char* body;
    bool ok;
    const char* error;
    const char* ts;
    const char* channel;
    std::vector<std::string> warnings;
};
std::ostream& operator<<(std::ostream& os, const reply_case& c) { return os << c.body; }

const reply_case replies[] = {
    {R"({"ok":true,"channel":"C123ABC456","ts":"1503435956.000247","message":{"text":"hi"}})", true, "",
     "1503435956.000247", "C123ABC456", {}},
    {R"({"ok":false,"error":"channel_not_found"})", false, "channel_not_found", "", "", {}},
    {R"({"ok":false,"error":"ratelimited"})", false, "ratelimited", "", "", {}},
    {R"({"ok":false})", false, "unknown_error", "", "", {}},
    {R"({"ok":true,"channel":"C1","ts":"1.0","warning":"missing_charset",
         "response_metadata":{"warnings":["missing_charset","superfluous_charset",3]}})",
     true, "", "1.0", "C1", {"missing_charset", "superfluous_charset"}},
    {"", false, "invalid_response", "", "", {}},
    {"ok", false, "invalid_response", "", "", {}},  // a response_url's plain-text answer is not a Web API reply
    {"<html>502 Bad Gateway</html>", false, "invalid_response", "", "", {}},
    {R"({"ok":"true"})", false, "invalid_response", "", "", {}},
    {R"({"error":"x"})", false, "invalid_response", "", "", {}},
    {"[true]", false, "invalid_response", "", "", {}},
    {R"({"ok":true,"ts":1.5})", true, "", "", "", {}},
};

BOOST_DATA_TEST_CASE(web_api_replies, bdata::make(replies), c) {
    const api_reply r = parse_api_reply(c.body);
    BOOST_TEST(r.ok == c.ok);
    BOOST_TEST(r.error == c.error);
    BOOST_TEST(r.ts == c.ts);
    BOOST_TEST(r.channel == c.channel);
    BOOST_TEST(r.warnings == c.warnings, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
