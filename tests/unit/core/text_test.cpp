#include "paperboy/core/text.hpp"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace paperboy::core;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(collapse_whitespace_folds_runs_and_trims) {
    BOOST_TEST(collapse_whitespace("  Large\n  Language\t\tModels \r\n") == "Large Language Models");
    BOOST_TEST(collapse_whitespace("") == "");
    BOOST_TEST(collapse_whitespace(" \n ") == "");
    BOOST_TEST(collapse_whitespace("大規模 \n 言語") == "大規模 言語");
}

// The reference: the obvious byte-at-a-time definition.
std::string naive_collapse(std::string_view text) {
    std::string out;
    bool pending = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending = !out.empty();
            continue;
        }
        if (pending) out.push_back(' ');
        pending = false;
        out.push_back(c);
    }
    return out;
}

BOOST_AUTO_TEST_CASE(collapse_whitespace_matches_the_reference_on_random_text) {
    // Long runs exercise the 16-byte fast path and its block boundaries.
    const std::string alphabet[] = {"a", "b", " ", " ", "  ", "\n", "\t", "\r\n", "\x01", "\x1f", "日本", "é", "x", "y"};
    std::mt19937 rng(20261129);
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const int parts = static_cast<int>(rng() % 80);
        for (int i = 0; i < parts; ++i) text += alphabet[rng() % std::size(alphabet)];
        BOOST_TEST_INFO("round " << round);
        BOOST_REQUIRE_EQUAL(collapse_whitespace(text), naive_collapse(text));
    }
    const std::string words = "Large language models reason about sparse attention in one line without breaks";
    BOOST_TEST(collapse_whitespace(words) == words);
    BOOST_TEST(collapse_whitespace("  " + words + "\n") == words);
}

BOOST_AUTO_TEST_CASE(ascii_lower_keeps_utf8) {
    BOOST_TEST(ascii_lower("LLM Ünïcode 日本") == "llm Ünïcode 日本");
}

BOOST_AUTO_TEST_CASE(utf8_prefix_never_cuts_a_sequence) {
    const std::string s = "a日本";  // 1 + 3 + 3 bytes
    BOOST_TEST(utf8_prefix_length(s, 100) == s.size());
    BOOST_TEST(utf8_prefix_length(s, 1) == 1u);
    BOOST_TEST(utf8_prefix_length(s, 2) == 1u);
    BOOST_TEST(utf8_prefix_length(s, 3) == 1u);
    BOOST_TEST(utf8_prefix_length(s, 4) == 4u);
    BOOST_TEST(utf8_prefix_length(s, 6) == 4u);
    BOOST_TEST(utf8_prefix_length("😀x", 3) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
