#include "paperboy/render/split.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <random>

#include "paperboy/render/utf8.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy::render;

namespace {

std::string join(const std::vector<std::string>& pieces) {
    std::string out;
    for (const auto& p : pieces) out += p;
    return out;
}

std::size_t code_points(std::string_view s) {
    return text_length(s, [](char32_t) -> std::size_t { return 1; });
}

std::size_t escaped_cost(char32_t c) { return c == U'&' ? 5 : utf16_cost(c); }

// Random text from pieces that matter for splitting: ASCII words and sentence ends, Japanese,
// 4-byte emoji, combining marks, ZWJ sequences, line breaks.
std::string random_text(std::mt19937& rng) {
    static const char* const atoms[] = {
        "a", "word", " ", " ", ". ", "! ", "? ", "\n", "大規模言語モデル。", "推論", "！", "？", "😀", "👍🏽",
        "e\u0301", "\u3099", "👨\u200d👩\u200d👧", "&", "<", "\t", "x", "é", "\u3000", "Ω",
    };
    std::uniform_int_distribution<std::size_t> pick(0, std::size(atoms) - 1);
    std::uniform_int_distribution<int> length(0, 120);
    std::string s;
    for (int n = length(rng); n > 0; --n) s += atoms[pick(rng)];
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_split)

BOOST_AUTO_TEST_CASE(utf8_validation_and_length) {
    BOOST_TEST(is_valid_utf8("a日本😀"));
    BOOST_TEST(!is_valid_utf8("\xE6\x97"));        // truncated
    BOOST_TEST(!is_valid_utf8("\xC0\xAF"));        // overlong
    BOOST_TEST(!is_valid_utf8("\xED\xA0\x80"));    // surrogate
    BOOST_TEST(!is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    BOOST_TEST(text_length("a日本😀") == 5u);     // the emoji counts 2, as UTF-16
    BOOST_TEST(to_valid_utf8("a\xFFz") == "a\xEF\xBF\xBDz");
}

struct split_case {
    const char* text;
    std::size_t max;
    std::vector<std::string> pieces;
};
std::ostream& operator<<(std::ostream& os, const split_case& c) { return os << c.text << " / " << c.max; }

const split_case cases[] = {
    {"", 10, {}},
    {"short", 10, {"short"}},
    {"One two. Three four five.", 12, {"One two. ", "Three four ", "five."}},
    {"line one\nline two\nline three", 20, {"line one\nline two\n", "line three"}},
    {"大規模言語モデル。推論能力。", 10, {"大規模言語モデル。", "推論能力。"}},
    {"abcdefghij", 4, {"abcd", "efgh", "ij"}},
    {"😀😀😀", 3, {"😀", "😀", "😀"}},         // 2 units each
    {"ab\u0301cd", 2, {"a", "b\u0301", "cd"}},  // the accent stays with its letter
    {"😀", 1, {"😀"}},                          // cannot be split: alone, over the limit
    {"Hi there. x", 9, {"Hi there.", " x"}},    // ". " would need a tenth unit; "Hi " is under half
};

BOOST_DATA_TEST_CASE(splits_at_natural_boundaries, bdata::make(cases), c) {
    BOOST_TEST(split_text(c.text, c.max) == c.pieces, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(truncates_with_ellipsis) {
    BOOST_TEST(truncate_text("fits", 4) == "fits");
    BOOST_TEST(truncate_text("one two three", 9) == "one two…");
    BOOST_TEST(truncate_text("大規模言語モデル", 5) == "大規模言…");
    BOOST_TEST(text_length(truncate_text("😀😀😀😀", 5)) <= 5u);
    BOOST_TEST(truncate_text("abc", 0) == "");
}

BOOST_AUTO_TEST_CASE(first_sentence_previews) {
    BOOST_TEST(first_sentence("Agents get better with more thinking. Second one.", 300) ==
               "Agents get better with more thinking.");
    BOOST_TEST(first_sentence("大規模言語モデルの推論能力を評価する手法を提案する。次に実験。", 300) ==
               "大規模言語モデルの推論能力を評価する手法を提案する。");
    BOOST_TEST(first_sentence("1. First item is long enough here. More.", 300) == "1. First item is long enough here.");
    BOOST_TEST(first_sentence("No end at all but\nshort", 300) == "No end at all but short");
    const std::string longer(500, 'a');
    BOOST_TEST(text_length(first_sentence(longer + ". b", 300)) == 300u);
}

// Property: for random text and random limits, pieces are valid UTF-8, within the limit (unless a
// single code point is over it), non-empty, and concatenate back to the original exactly.
BOOST_AUTO_TEST_CASE(random_text_splits_losslessly) {
    std::mt19937 rng(20260223);
    std::uniform_int_distribution<std::size_t> limit(1, 60);
    for (int i = 0; i < 4000; ++i) {
        const std::string text = random_text(rng);
        const std::size_t max = limit(rng);
        const bool escaping = i % 2 == 1;
        const auto pieces = escaping ? split_text(text, max, escaped_cost) : split_text(text, max);
        BOOST_REQUIRE_EQUAL(join(pieces), text);
        for (const auto& p : pieces) {
            BOOST_REQUIRE(!p.empty());
            BOOST_REQUIRE_MESSAGE(is_valid_utf8(p), "invalid piece of case " << i);
            const std::size_t cost = escaping ? text_length(p, escaped_cost) : text_length(p);
            BOOST_REQUIRE_MESSAGE(cost <= max || code_points(p) == 1, "case " << i << ": " << cost << " > " << max);
        }
        const std::string cut = truncate_text(text, max);
        BOOST_REQUIRE(is_valid_utf8(cut));
        BOOST_REQUIRE(text_length(cut) <= max);
    }
}

// Invalid input never loops or loses bytes; each invalid byte is its own unit.
BOOST_AUTO_TEST_CASE(invalid_bytes_are_kept) {
    const std::string text = "ab\xFF\xFE\xE6\x97xyz";
    const auto pieces = split_text(text, 2);
    BOOST_TEST(join(pieces) == text);
    BOOST_TEST(pieces.size() == 5u);  // "ab", FF FE, E6 97, "xy", "z"
}

BOOST_AUTO_TEST_SUITE_END()
