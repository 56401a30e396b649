#include "paperboy/chat/slack/web_api.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

namespace bdata = boost::unit_test::data;
using namespace paperboy::chat::slack;
using nlohmann::json;

BOOST_AUTO_TEST_SUITE(slack_web_api)

BOOST_AUTO_TEST_CASE(post_message_body_has_the_fields) {
    const std::string blocks = R"([{"type":"section","text":{"type":"mrkdwn","text":"*1.* <https://arxiv.org/abs/2602.10693|T>"}}])";
    const auto body = json::parse(post_message_body("C123", "LLM papers \"today\" 日本", blocks, "1503435956.000247"));
    BOOST_TEST(body.at("channel") == "C123");
    BOOST_TEST(body.at("text") == "LLM papers \"today\" 日本");
    BOOST_TEST(body.at("blocks") == json::parse(blocks));
    BOOST_TEST(body.at("thread_ts") == "1503435956.000247");
    BOOST_TEST(body.at("unfurl_links") == false);
    BOOST_TEST(body.at("unfurl_media") == false);
    BOOST_TEST(body.size() == 6u);
}

BOOST_AUTO_TEST_CASE(post_message_body_leaves_out_empty_parts) {
    const auto body = json::parse(post_message_body("C1", "hi", "", ""));
    BOOST_TEST(!body.contains("blocks"));
    BOOST_TEST(!body.contains("thread_ts"));
    BOOST_TEST(body.at("unfurl_links") == false);
    BOOST_TEST(body.at("unfurl_media") == false);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_not_thrown) {
    const std::string cut = std::string("summary \xE6\x97", 10);  // a character cut in half
    const auto body = json::parse(post_message_body("C1", cut, "", ""));
    BOOST_TEST(body.at("text") == "summary \xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(blocks_must_be_an_array) {
    BOOST_CHECK_THROW(post_message_body("C1", "t", "{\"type\":\"section\"}", ""), std::invalid_argument);
    BOOST_CHECK_THROW(post_message_body("C1", "t", "[", ""), std::invalid_argument);
    BOOST_CHECK_THROW(response_url_body("t", "nope", true), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(response_url_body_in_channel_or_ephemeral) {
    const auto shown = json::parse(response_url_body("digest", "[]", true));
    BOOST_TEST(shown.at("response_type") == "in_channel");
    BOOST_TEST(shown.at("text") == "digest");
    BOOST_TEST(shown.at("blocks") == json::array());
    BOOST_TEST(shown.at("replace_original") == false);
    const auto quiet = json::parse(response_url_body("usage", "", false));
    BOOST_TEST(quiet.at("response_type") == "ephemeral");
    BOOST_TEST(!quiet.contains("blocks"));
}

struct url_case {
    const char* url;
    bool allowed;
};
std::ostream& operator<<(std::ostream& os, const url_case& c) { return os << c.url; }

const std::vector<std::string> hosts = {"hooks.slack.com", " 127.0.0.1:8125 ", "localhost:9000", "[::1]:9001",
                                        "hooks.example.org:8443", "10.0.0.5:80"};

const url_case urls[] = {
    {"https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", true},
    {"https://hooks.slack.com/actions/T0B0XJCTC/814613123445/YDP2bi3aPQWs2eFE3LKj58XC", true},
    {"HTTPS://HOOKS.SLACK.COM/commands/x", true},   // scheme and host are case-insensitive
    {"https://hooks.slack.com:443/commands/x", true},
    {"https://hooks.slack.com", true},
    {"https://hooks.slack.com?x=1", true},
    {"https://hooks.slack.com:8443/commands/x", false},  // entry without port: 443 only
    {"https://hooks.example.org:8443/x", true},
    {"https://hooks.example.org/x", false},
    {"https://127.0.0.1:8125/commands/x", true},       // https to an allowed host:port
    {"http://127.0.0.1:8125/commands/x", true},        // the component tests' fake peer
    {"http://localhost:9000/x", true},
    {"http://[::1]:9001/x", true},
    {"http://127.0.0.1:8126/commands/x", false},       // other port
    {"http://127.0.0.1/commands/x", false},            // http needs the exact host:port
    {"http://10.0.0.5:80/x", false},                   // http only on loopback
    {"http://hooks.slack.com/commands/x", false},      // never plain http to Slack
    {"https://evil.example.com/commands/x", false},
    {"https://hooks.slack.com.evil.com/x", false},
    {"https://evilhooks.slack.com/x", false},
    {"https://hooks.slack.com@evil.com/x", false},     // user info
    {"https://user:pw@hooks.slack.com/x", false},
    {"https://hooks.slack.com./x", false},
    {"https://hooks.slack.com:/x", false},
    {"https://hooks.slack.com:99999/x", false},
    {"https://hooks.slack.com:0/x", false},
    {"https://hooks.slack.com/x y", false},
    {"https://hooks.slack.com/x\r\nHost: evil", false},
    {"https:/hooks.slack.com/x", false},
    {"//hooks.slack.com/x", false},
    {"ftp://hooks.slack.com/x", false},
    {"hooks.slack.com/x", false},
    {"", false},
    {"https://", false},
    {"https://[::1/x", false},
    {"https://%68ooks.slack.com/x", false},
};

BOOST_DATA_TEST_CASE(response_url_allow_list, bdata::make(urls), c) {
    BOOST_TEST(response_url_allowed(c.url, hosts) == c.allowed);
}

BOOST_AUTO_TEST_CASE(empty_allow_list_allows_nothing) {
    BOOST_TEST(!response_url_allowed("https://hooks.slack.com/commands/x", {}));
    BOOST_TEST(!response_url_allowed("https://hooks.slack.com/commands/x", {""}));
}

BOOST_AUTO_TEST_SUITE_END()
