// Property tests: random digests with random text (ASCII, Japanese, emoji, combining marks,
// characters that need escaping) and random sizes, from tiny to far over every limit. Every
// Slack and Discord message must parse, keep every limit, and carry every paper once, in order;
// a paper's full texts must survive splitting.
#include <boost/test/unit_test.hpp>

#include <random>

#include "check_limits.hpp"
#include "paperboy/render/discord.hpp"
#include "paperboy/render/labels.hpp"
#include "paperboy/render/slack.hpp"
#include "sample_digest.hpp"

using namespace paperboy;
using namespace paperboy::render;
using namespace paperboy::render::test;

namespace {

std::string random_text(std::mt19937& rng, std::size_t max_atoms) {
    static const char* const atoms[] = {
        "word", " ", " ", ". ", "? ", "\n", "大規模言語モデル。", "推論", "😀", "👍🏽", "e\u0301", "&", "<", ">",
        "*", "_", "|", "`", "#", "@everyone", "x", "Ω", "\u3000", "。",
    };
    std::uniform_int_distribution<std::size_t> pick(0, std::size(atoms) - 1);
    std::uniform_int_distribution<std::size_t> length(0, max_atoms);
    std::string s;
    for (std::size_t n = length(rng); n > 0; --n) s += atoms[pick(rng)];
    return s;
}

core::digest random_digest(std::mt19937& rng) {
    std::uniform_int_distribution<int> papers(0, 30), authors(0, 12), coin(0, 3);
    const bool huge = coin(rng) == 0;  // one in four digests has fields far over the limits
    const std::size_t scale = huge ? 4000 : 150;
    core::digest d = sample_digest();
    d.language = coin(rng) % 2 ? "ja" : "en";
    d.profile = coin(rng) == 0 ? std::string(2100, 'p') : "llm";  // too long for a button value
    d.entries.clear();
    d.empty_reason = random_text(rng, 20);
    if (coin(rng) == 0) d.source_warnings = {random_text(rng, 30), random_text(rng, scale)};
    for (int i = 1, n = papers(rng); i <= n; ++i) {
        core::digest_entry e;
        e.number = i;
        e.paper.arxiv_id = "2601." + std::to_string(10000 + i);
        e.paper.title = random_text(rng, huge ? 600 : 30);
        e.paper.abstract = random_text(rng, scale * 4);
        for (int a = authors(rng); a > 0; --a) e.paper.authors.push_back(person(random_text(rng, huge ? 200 : 5)));
        if (coin(rng)) e.paper.published = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
        e.paper.sources = {"arxiv"};
        if (coin(rng) == 0) e.paper.signals.github_repo = "org/repo";
        e.summary.text = random_text(rng, scale * 3);
        if (coin(rng) == 0) e.summary.note = random_text(rng, huge ? 2000 : 20);
        d.entries.push_back(std::move(e));
    }
    return d;
}

std::string without_space(std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
    return s;
}

// Concatenates the texts after `heading` up to the next heading, without the headings.
std::string section_text(const std::vector<std::string>& texts, const std::string& heading,
                         const std::vector<std::string>& headings) {
    std::string out;
    bool inside = false;
    for (std::string t : texts) {
        for (const auto& h : headings)
            if (t.starts_with(h)) inside = h == heading, t.erase(0, h.size());
        if (inside) out += t;
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_limits_property)

BOOST_AUTO_TEST_CASE(random_digests_keep_platform_limits) {
    std::mt19937 rng(4242);
    for (int round = 0; round < 40; ++round) {
        const core::digest d = random_digest(rng);
        BOOST_TEST_CONTEXT("round " << round << ", " << d.entries.size() << " papers") {
            for (auto layout : {slack_layout::full, slack_layout::compact}) {
                int next = 1;
                for (const auto& blocks : check_slack(slack_digest(d, layout)))
                    for (const auto& b : blocks)
                        if (b.contains("block_id")) BOOST_TEST(b["block_id"] == "paper_" + std::to_string(next++));
                BOOST_TEST(next == static_cast<int>(d.entries.size()) + 1);
            }
            int next = 1;
            for (const auto& body : check_discord(discord_digest(d)))
                for (const auto& e : body["embeds"])
                    BOOST_TEST(e["title"].get<std::string>().starts_with(std::to_string(next++) + ". "));
            BOOST_TEST(next == static_cast<int>(d.entries.size()) + 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(random_entries_keep_limits_and_lose_no_text) {
    std::mt19937 rng(777);
    int checked = 0;
    while (checked < 60) {
        const core::digest d = random_digest(rng);
        const labels& l = labels_for(d.language);
        for (const auto& e : d.entries) {
            if (++checked > 60) break;
            BOOST_TEST_CONTEXT("entry " << checked) {
                std::vector<std::string> texts;
                for (const auto& blocks : check_slack(slack_entry(e, d.language)))
                    for (const auto& b : blocks) texts.push_back(b["text"]["text"]);
                const std::string summary = "*" + std::string(l.summary) + "*\n";
                const std::string abstract = "*" + std::string(l.original_abstract) + "*\n";
                BOOST_TEST(without_space(section_text(texts, summary, {summary, abstract})) ==
                           without_space(mrkdwn_escape(e.summary.text)));
                BOOST_TEST(without_space(section_text(texts, abstract, {summary, abstract})) ==
                           without_space(mrkdwn_escape(e.paper.abstract)));

                texts.clear();
                for (const auto& body : check_discord(discord_entry(e, d.language)))
                    for (const auto& embed : body["embeds"]) texts.push_back(embed.value("description", ""));
                const std::string d_summary = "**" + std::string(l.summary) + "**\n";
                const std::string d_abstract = "**" + discord_escape(l.original_abstract) + "**\n";
                BOOST_TEST(without_space(section_text(texts, d_summary, {d_summary, d_abstract})) ==
                           without_space(discord_escape(e.summary.text)));
                BOOST_TEST(without_space(section_text(texts, d_abstract, {d_summary, d_abstract})) ==
                           without_space(discord_escape(e.paper.abstract)));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
