#include "paperboy/render/slack.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "paperboy/render/utf8.hpp"
#include "check_limits.hpp"
#include "sample_digest.hpp"

using namespace paperboy;
using namespace paperboy::render;
using namespace std::chrono;
using nlohmann::json;
using render::test::check_slack;
using render::test::japanese_digest;
using render::test::sample_digest;


BOOST_AUTO_TEST_SUITE(render_slack)

BOOST_AUTO_TEST_CASE(mrkdwn_escapes_only_three_characters) {
    BOOST_TEST(mrkdwn_escape("a & b < c > d") == "a &amp; b &lt; c &gt; d");
    BOOST_TEST(mrkdwn_escape("&amp;") == "&amp;amp;");
    BOOST_TEST(mrkdwn_escape("*_~`|\"' 日本😀") == "*_~`|\"' 日本😀");
}

BOOST_AUTO_TEST_CASE(button_value_round_trips) {
    const summary_button b{sys_days{2026y / February / 23}, "llm", 3, "2602.10693"};
    BOOST_TEST(format_button_value(b) == "2026-02-23|llm|3|2602.10693");
    BOOST_TEST((parse_button_value("2026-02-23|llm|3|2602.10693") == b));
    const auto odd = parse_button_value("2026-02-23|a|b|12|hep-th/9901001");
    BOOST_TEST_REQUIRE(odd.has_value());
    BOOST_TEST(odd->profile == "a|b");
    BOOST_TEST(odd->arxiv_id == "hep-th/9901001");
    for (const char* bad : {"", "2026-02-23|llm|3", "2026-02-23|llm|x|id", "2026-02-23|llm|0|id", "x|llm|3|id",
                            "2026-02-23|llm|3a|id"})
        BOOST_TEST(!parse_button_value(bad), bad);
}

BOOST_AUTO_TEST_CASE(digest_message_has_header_sections_buttons_and_footer) {
    core::digest d = sample_digest();
    const auto messages = slack_digest(d, slack_layout::full);
    BOOST_TEST_REQUIRE(messages.size() == 1u);
    const auto blocks = check_slack(messages)[0];
    BOOST_TEST_REQUIRE(blocks.size() == 7u);
    BOOST_TEST(blocks[0]["type"] == "header");
    BOOST_TEST(blocks[0]["text"]["text"] == "LLM Papers Survey (2026-02-23)");
    const json& first = blocks[1];
    BOOST_TEST(first["block_id"] == "paper_1");
    BOOST_TEST(first["text"]["type"] == "mrkdwn");
    BOOST_TEST(first["text"]["text"] ==
               "*1. <https://arxiv.org/abs/2602.10693|Scaling Test-Time Compute for Agents>*\n"
               "Authors: Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov et al.\n"
               "Published: 2026-02-11 · Source: huggingface, arxiv · arXiv: <https://arxiv.org/abs/2602.10693|2602.10693>\n"
               "Agents get better with more thinking time.");
    const json& button = first["accessory"];
    BOOST_TEST(button["type"] == "button");
    BOOST_TEST(button["text"]["text"] == "Summary");
    BOOST_TEST(button["action_id"] == "paper_summary");
    BOOST_TEST(button["value"] == "2026-02-23|llm|1|2602.10693");
    // Fallback notes are visible; titles are escaped inside the link label.
    BOOST_TEST(blocks[2]["text"]["text"].get<std::string>().ends_with(
        "\n:warning: Note: The LLM summary failed; extractive summary shown."));
    BOOST_TEST(blocks[5]["text"]["text"].get<std::string>().starts_with(
        "*5. <https://arxiv.org/abs/2602.44444|Tokens &lt;&amp;&gt; *Stars*>*\n"));
    BOOST_TEST(blocks[6]["type"] == "context");
    BOOST_TEST(blocks[6]["elements"][0]["text"] ==
               "This digest is generated automatically; see each source for details. "
               "Full summaries and original abstracts are in the thread.");
    BOOST_TEST(messages[0].text.starts_with("LLM Papers Survey (2026-02-23)\n1. Scaling Test-Time"));
    BOOST_TEST(messages[0].text.find("5. Tokens &lt;&amp;&gt; *Stars*") != std::string::npos);

    const auto compact = check_slack(slack_digest(d, slack_layout::compact))[0];
    BOOST_TEST(compact[6]["elements"][0]["text"].get<std::string>().ends_with(
        "Press Summary for a paper's full summary and original abstract."));
}

BOOST_AUTO_TEST_CASE(empty_digest_and_japanese_labels) {
    core::digest d = sample_digest();
    d.language = "ja";
    const auto ja = check_slack(slack_digest(d, slack_layout::compact))[0];
    BOOST_TEST(ja[0]["text"]["text"] == "LLM論文サーベイ (2026-02-23)");
    BOOST_TEST(ja[1]["accessory"]["text"]["text"] == "要約");
    BOOST_TEST(ja[1]["text"]["text"].get<std::string>().find("\n著者: ") != std::string::npos);
    d.entries.clear();
    d.empty_reason = "arXiv is on holiday";
    d.source_warnings = {"huggingface: 503"};
    const auto empty = check_slack(slack_digest(d, slack_layout::full))[0];
    BOOST_TEST_REQUIRE(empty.size() == 4u);
    BOOST_TEST(empty[1]["elements"][0]["text"] == ":warning: 一部のソースに接続できませんでした: huggingface: 503");
    BOOST_TEST(empty[2]["text"]["text"] == "新着論文はありません: arXiv is on holiday");
    BOOST_TEST(slack_thread(d).empty());
}

BOOST_AUTO_TEST_CASE(fifty_long_japanese_papers_split_at_paper_boundaries) {
    const core::digest d = japanese_digest(50, 60);
    const auto messages = slack_digest(d, slack_layout::full);
    BOOST_TEST(messages.size() > 1u);
    int expected = 1;
    for (const auto& blocks : check_slack(messages))
        for (const auto& b : blocks)
            if (b.contains("accessory")) {
                BOOST_TEST(b["block_id"] == "paper_" + std::to_string(expected));
                BOOST_TEST(b["accessory"]["value"] ==
                           "2026-03-02|llm|" + std::to_string(expected) + "|2603." + std::to_string(10000 + expected));
                ++expected;
            }
    BOOST_TEST(expected == 51);  // all fifty, each once, in order
    BOOST_TEST(messages[1].text.starts_with("LLM論文サーベイ (2026-03-02) (2/"));
}

BOOST_AUTO_TEST_CASE(entry_splits_long_texts_into_sections_and_messages) {
    core::digest_entry e = japanese_digest(7, 400).entries[6];  // ~12k-character summary, with a note
    e.paper.signals.github_repo = "org/repo";
    const auto messages = slack_entry(e, "ja");
    BOOST_TEST(messages.size() > 1u);
    std::string summary, abstract;
    std::string* current = nullptr;
    const auto parsed = check_slack(messages);
    const std::string head = parsed[0][0]["text"]["text"];
    BOOST_TEST(head.find("リンク: <https://arxiv.org/pdf/2603.10007|PDF> · <https://github.com/org/repo|GitHub>") !=
               std::string::npos);
    BOOST_TEST(parsed[0][1]["text"]["text"].get<std::string>().starts_with(":warning: *注記:* LLMの要約"));
    for (const auto& blocks : parsed)
        for (const auto& b : blocks) {
            std::string text = b["text"]["text"];
            if (text.starts_with("*要約*\n")) current = &summary, text.erase(0, std::string("*要約*\n").size());
            if (text.starts_with("*原文アブストラクト*\n"))
                current = &abstract, text.erase(0, std::string("*原文アブストラクト*\n").size());
            if (current) *current += text;
        }
    BOOST_TEST(summary == e.summary.text);  // every piece present, in order, nothing lost
    BOOST_TEST(abstract == e.paper.abstract);
    const auto thread = slack_thread(japanese_digest(3, 10));
    BOOST_TEST(thread.size() == 3u);
    check_slack(thread);
}

BOOST_AUTO_TEST_SUITE_END()
