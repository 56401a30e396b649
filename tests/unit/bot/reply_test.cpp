#include "paperboy/bot/reply.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace bdata = boost::unit_test::data;
using namespace paperboy;
using namespace std::chrono;

namespace {

core::digest five_papers() {
    const std::pair<const char*, const char*> papers[] = {
        {"2602.10693", "Speculative Decoding with Draft Trees for Faster LLM Inference"},
        {"2602.11001", "Chain-of-Thought Reasoning in Small Language Models"},
        {"2602.12002", "Retrieval-Augmented Generation at Scale"},
        {"2602.13003", "Reinforcement Learning from Human Feedback without Reward Models"},
        {"cs/0112017", "Mixture of Experts Routing for Multilingual Translation"},
    };
    core::digest d;
    d.date = sys_days{2026y / February / 23};
    d.profile = "llm";
    d.language = "en";
    int number = 0;
    for (auto [id, title] : papers) {
        core::digest_entry e;
        e.number = ++number;
        e.paper.arxiv_id = id;
        e.paper.title = title;
        d.entries.push_back(e);
    }
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bot_reply)

struct reply_case {
    const char* text;
    int number;  // 0: names no paper
};
std::ostream& operator<<(std::ostream& os, const reply_case& c) { return os << '"' << c.text << '"'; }

const reply_case cases[] = {
    // numbers
    {"3", 3},
    {" 3 ", 3},
    {"#3", 3},
    {"# 3", 3},
    {"(2)", 2},
    {"2.", 2},
    {"no. 3", 3},
    {"No.3", 3},
    {"number 4", 4},
    {"paper 3", 3},
    {"summarize #2", 2},
    {"summarize 2 for me please", 2},
    {"can you explain the 3rd one", 3},
    {"3 please", 3},
    {"3番", 3},
    {"3番目の論文を要約して", 3},
    {"第2の論文", 2},
    {"3を要約して", 3},
    {"３", 3},   // full-width
    {"＃５", 5},  // full-width '#'
    {"@paperboy 4", 4},
    {"summarize #5", 5},
    {"5", 5},
    {"1", 1},
    // ids and URLs
    {"2602.10693", 1},
    {"2602.10693v2", 1},
    {"arXiv:2602.12002", 3},
    {"what about 2602.11001?", 2},
    {"https://arxiv.org/abs/2602.13003v1", 4},
    {"https://arxiv.org/pdf/2602.13003", 4},
    {"https://arxiv.org/abs/2602.11001", 2},
    {"https://arxiv.org/abs/2602.10693 Speculative Decoding with Draft Trees", 1},
    {"https://arxiv.org/abs/2602.12002v3 arxiv.org/abs/2602.12002v3 please", 3},
    {"cs/0112017", 5},
    {"2602.10693を要約して", 1},
    {"(arXiv:2602.12002).", 3},
    // title words
    {"speculative decoding", 1},
    {"Speculative Decodingの論文を要約して", 1},
    {"the chain of thought one please", 2},
    {"Retrieval augmented generation?", 3},
    {"tell me more about the human feedback paper", 4},
    {"mixture of experts", 5},
    {"multilingual translation please", 5},
    {"draft trees & faster inference", 1},
    // names nothing
    {"", 0},
    {"thanks!", 0},
    {"great digest today", 0},
    {"10", 0},                          // out of range
    {"0", 0},
    {"#6", 0},
    {"#2 or #3", 0},                    // two different papers
    {"2 or 3", 0},
    {"2602.10693 vs 2602.11001", 0},
    {"2602.99999", 0},                  // not in the digest: see mentioned_arxiv_id
    {"3 and 2602.99999", 0},            // an unknown id wins over the number
    {"I read 3 of these papers yesterday", 0},
    {"Llama 3 is out", 0},
    {"GPT-4", 0},
    {"the 7B model", 0},
    {"meet at 10:30", 0},
    {"2026-02-23", 0},
    {"3.5", 0},
    {"v2", 0},
    {"learning", 0},                    // one word is not enough
    {"language models", 0},             // words every LLM paper uses
    {"reasoning about decoding", 0},    // one word each for two papers: no clear winner
    {"a<b and 2<3 are not paper numbers either way", 0},  // a '<' is just a character to the bot
};

BOOST_DATA_TEST_CASE(resolves, bdata::make(cases), c) {
    const auto d = five_papers();
    const auto got = bot::resolve_reply(c.text, d);
    if (c.number == 0) {
        BOOST_TEST(!got.has_value(), "got " << got.value_or(-1));
    } else {
        BOOST_TEST_REQUIRE(got.has_value());
        BOOST_TEST(*got == c.number);
    }
}

BOOST_AUTO_TEST_CASE(uses_the_entries_numbers) {
    auto d = five_papers();
    d.entries.erase(d.entries.begin());  // numbers 2..5 left
    BOOST_TEST(!bot::resolve_reply("1", d).has_value());
    BOOST_TEST(bot::resolve_reply("5", d).value_or(-1) == 5);
    BOOST_TEST(!bot::resolve_reply("3", core::digest{}).has_value());
    BOOST_TEST(!bot::resolve_reply("speculative decoding", core::digest{}).has_value());
}

struct mention_case {
    const char* text;
    const char* id;  // "": none
};
std::ostream& operator<<(std::ostream& os, const mention_case& c) { return os << '"' << c.text << '"'; }

const mention_case mentions[] = {
    {"can you summarize 2603.00001v2?", "2603.00001"},
    {"https://arxiv.org/abs/2603.00001 some paper", "2603.00001"},
    {"arXiv:hep-th/9901001v1", "hep-th/9901001"},
    {"2602.10693", "2602.10693"},
    {"first 2603.00001 then 2603.00002", "2603.00001"},
    {"2603.00001について", "2603.00001"},
    {"#3", ""},
    {"hello", ""},
    {"https://example.com/abs/2603.00001", ""},
    {"", ""},
};

BOOST_DATA_TEST_CASE(mentioned_id, bdata::make(mentions), c) {
    const auto got = bot::mentioned_arxiv_id(c.text);
    BOOST_TEST(got.value_or("") == c.id);
}

BOOST_AUTO_TEST_SUITE_END()
