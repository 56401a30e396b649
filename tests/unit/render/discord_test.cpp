#include "paperboy/render/discord.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "paperboy/render/utf8.hpp"
#include "check_limits.hpp"
#include "sample_digest.hpp"

using namespace paperboy;
using namespace paperboy::render;
using nlohmann::json;
using render::test::check_discord;
using render::test::japanese_digest;
using render::test::sample_digest;


BOOST_AUTO_TEST_SUITE(render_discord)

BOOST_AUTO_TEST_CASE(escape_markdown) {
    BOOST_TEST(discord_escape("a_b *c* ~d~ `e` |f| [g] <@1> #h \\") ==
               "a\\_b \\*c\\* \\~d\\~ \\`e\\` \\|f\\| \\[g\\] \\<@1\\> \\#h \\\\");
    BOOST_TEST(discord_escape("大規模言語モデル😀") == "大規模言語モデル😀");
}

BOOST_AUTO_TEST_CASE(digest_has_one_embed_per_paper) {
    const auto bodies = check_discord(discord_digest(sample_digest()));
    BOOST_TEST_REQUIRE(bodies.size() == 1u);
    const json& m = bodies[0];
    BOOST_TEST(m["content"] == "**LLM Papers Survey (2026-02-23)**");
    BOOST_TEST_REQUIRE(m["embeds"].size() == 5u);
    const json& first = m["embeds"][0];
    BOOST_TEST(first["title"] == "1. Scaling Test-Time Compute for Agents");
    BOOST_TEST(first["url"] == "https://arxiv.org/abs/2602.10693");
    BOOST_TEST(first["description"] == "Agents get better with more thinking time.");
    BOOST_TEST(first["fields"][0]["name"] == "Authors");
    BOOST_TEST(first["fields"][0]["value"] ==
               "Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov et al.");
    BOOST_TEST(first["fields"][1]["name"] == "Published");
    BOOST_TEST(first["fields"][1]["value"] == "2026-02-11");
    BOOST_TEST(first["color"].is_number_integer());
    BOOST_TEST(m["embeds"][1]["description"] ==
               "A short abstract.\n\n⚠️ **Note:** The LLM summary failed; extractive summary shown.");
    BOOST_TEST(m["embeds"][4]["title"] == "5. Tokens <&> *Stars*");
    BOOST_TEST(m["embeds"][4]["footer"]["text"] ==
               "This digest is generated automatically; see each source for details.");
    BOOST_TEST(!m["embeds"][3].contains("footer"));

    core::digest warned = sample_digest();
    warned.source_warnings = {"semantic_scholar: timeout"};
    BOOST_TEST(check_discord(discord_digest(warned))[0]["content"] ==
               "**LLM Papers Survey (2026-02-23)**\n⚠️ Some sources could not be reached: semantic\\_scholar: timeout");
}

BOOST_AUTO_TEST_CASE(empty_digest_is_content_only) {
    core::digest d = sample_digest();
    d.language = "ja";
    d.entries.clear();
    d.empty_reason = "祝日";
    const auto bodies = check_discord(discord_digest(d));
    BOOST_TEST_REQUIRE(bodies.size() == 1u);
    BOOST_TEST(bodies[0]["embeds"].empty());
    BOOST_TEST(bodies[0]["content"] == "**LLM論文サーベイ (2026-02-23)**\n新着論文はありません: 祝日\n"
                                       "このダイジェストは自動生成されています。詳細は各ソースをご確認ください。");
}

BOOST_AUTO_TEST_CASE(fifty_long_japanese_papers_split_at_paper_boundaries) {
    const auto bodies = check_discord(discord_digest(japanese_digest(50, 60)));
    BOOST_TEST(bodies.size() > 5u);
    int expected = 1;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        BOOST_TEST(bodies[i]["content"].get<std::string>().starts_with("**LLM論文サーベイ (2026-03-02)** (" +
                                                                      std::to_string(i + 1) + "/"));
        for (const auto& e : bodies[i]["embeds"]) {
            BOOST_TEST(e["title"].get<std::string>().starts_with(std::to_string(expected) + ". 論文 "));
            BOOST_TEST(text_length(e["description"].get<std::string>()) <= discord_digest_summary + 400);
            ++expected;
        }
    }
    BOOST_TEST(expected == 51);
}

BOOST_AUTO_TEST_CASE(entry_carries_the_whole_summary_and_abstract) {
    core::digest_entry e = japanese_digest(7, 400).entries[6];
    e.paper.abstract = std::string(9000, 'y');
    const auto bodies = check_discord(discord_entry(e, "ja"));
    BOOST_TEST(bodies.size() > 1u);
    std::string summary, abstract;
    std::string* current = nullptr;
    bool note = false;
    for (const auto& b : bodies)
        for (const auto& embed : b["embeds"]) {
            if (embed.contains("fields"))
                for (const auto& f : embed["fields"]) note = note || f["name"] == "注記";
            std::string text = embed.value("description", "");
            for (auto [heading, target] : {std::pair{"**要約**\n", &summary}, {"**原文アブストラクト**\n", &abstract}})
                if (text.starts_with(heading)) {
                    current = target;
                    text.erase(0, std::string_view(heading).size());
                }
            if (current) *current += text;
        }
    BOOST_TEST(note);
    BOOST_TEST(summary == e.summary.text);
    BOOST_TEST(abstract == e.paper.abstract);
}

BOOST_AUTO_TEST_SUITE_END()
