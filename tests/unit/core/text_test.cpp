#include "paperboy/core/text.hpp"

#include <boost/test/unit_test.hpp>

using namespace paperboy::core;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(collapse_whitespace_folds_runs_and_trims) {
    BOOST_TEST(collapse_whitespace("  Large\n  Language\t\tModels \r\n") == "Large Language Models");
    BOOST_TEST(collapse_whitespace("") == "");
    BOOST_TEST(collapse_whitespace(" \n ") == "");
    BOOST_TEST(collapse_whitespace("大規模 \n 言語") == "大規模 言語");
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
