// Slack markup → plain text for the bot, and the bot reading it (the bot itself knows no Slack).
#include "paperboy/chat/slack/markup.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "paperboy/bot/command.hpp"
#include "paperboy/bot/reply.hpp"

namespace bdata = boost::unit_test::data;
using paperboy::chat::slack::plain_text;

BOOST_AUTO_TEST_SUITE(slack_markup)

struct markup_case {
    const char* slack;
    bool keep_labels;
    const char* plain;
};
std::ostream& operator<<(std::ostream& os, const markup_case& c) { return os << '"' << c.slack << '"'; }

const markup_case cases[] = {
    {"<@U0LAN0Z89> today", false, "  today"},
    {"<#C123|general> 3", false, "  3"},
    {"<!here> hi", false, "  hi"},
    {"<https://arxiv.org/abs/2602.10693>", false, " https://arxiv.org/abs/2602.10693 "},
    {"<https://arxiv.org/abs/2602.10693|Draft Trees>", false, " https://arxiv.org/abs/2602.10693 "},
    {"<https://arxiv.org/abs/2602.10693|Draft Trees>", true, " https://arxiv.org/abs/2602.10693 Draft Trees "},
    {"draft trees &amp; faster &lt;inference&gt;", true, "draft trees & faster <inference>"},
    {"a < b", false, "a < b"},  // an unmatched '<' is kept
    {"", false, ""},
};

BOOST_DATA_TEST_CASE(becomes_plain_text, bdata::make(cases), c) {
    BOOST_TEST(plain_text(c.slack, c.keep_labels) == c.plain);
}

BOOST_AUTO_TEST_CASE(slack_links_and_mentions_reach_the_bot_as_plain_text) {
    using namespace paperboy::bot;
    auto c = parse_command(plain_text("paper <https://arxiv.org/abs/2602.10693|arxiv.org/abs/2602.10693>", false));
    BOOST_TEST((c.kind == command_kind::paper));
    BOOST_TEST(c.arxiv_id == "2602.10693");
    BOOST_TEST((parse_command(plain_text("<@U0LAN0Z89> today", false)).kind == command_kind::today));
    BOOST_TEST(*mentioned_arxiv_id(plain_text("<@U0LAN0Z89> <https://arxiv.org/abs/2603.00001|some paper>", true)) ==
               "2603.00001");
}

BOOST_AUTO_TEST_SUITE_END()
