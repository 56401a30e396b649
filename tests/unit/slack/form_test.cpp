#include "paperboy/chat/slack/form.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace bdata = boost::unit_test::data;
using namespace paperboy::chat::slack;

BOOST_AUTO_TEST_SUITE(slack_form)

struct decode_case {
    const char* encoded;
    std::string decoded;
};
std::ostream& operator<<(std::ostream& os, const decode_case& c) { return os << '"' << c.encoded << '"'; }

const decode_case decodes[] = {
    {"", ""},
    {"plain", "plain"},
    {"a+b", "a b"},
    {"%2Fpapers", "/papers"},
    {"%2fpapers", "/papers"},            // lower-case hex
    {"100%25", "100%"},
    {"%2B", "+"},                        // an encoded plus stays a plus
    {"%E6%97%A5%E6%9C%AC", "日本"},      // UTF-8 bytes
    {"%", "%"},                          // malformed escapes are kept literally
    {"%4", "%4"},
    {"a%zzb", "a%zzb"},
    {"%%41", "%A"},
    {"%4G", "%4G"},
    {"%00x", std::string("\0x", 2)},
    {"subscribe+7%3A30+Asia%2FTokyo+ja", "subscribe 7:30 Asia/Tokyo ja"},
};

BOOST_DATA_TEST_CASE(decodes_components, bdata::make(decodes), c) { BOOST_TEST(form_decode(c.encoded) == c.decoded); }

BOOST_AUTO_TEST_CASE(splits_pairs) {
    const auto f = parse_form("a=1&b=x+y%21&c=&d&=e&&f=%3D%26&a=2&g=1=2");
    BOOST_TEST(f.at("a") == "1");  // first of a repeated key wins
    BOOST_TEST(f.at("b") == "x y!");
    BOOST_TEST(f.at("c") == "");
    BOOST_TEST(f.at("d") == "");  // no '=': empty value
    BOOST_TEST(f.at("") == "e");
    BOOST_TEST(f.at("f") == "=&");  // escaped separators are data
    BOOST_TEST(f.at("g") == "1=2");  // only the first '=' splits
    BOOST_TEST(f.size() == 7u);
}

BOOST_AUTO_TEST_CASE(empty_and_degenerate_bodies) {
    BOOST_TEST(parse_form("").empty());
    BOOST_TEST(parse_form("&&&").empty());
    BOOST_TEST(parse_form("=").size() == 1u);
    const auto f = parse_form("k%20ey=v&k+ey=w");
    BOOST_TEST(f.size() == 1u);
    BOOST_TEST(f.at("k ey") == "v");  // keys are decoded before the first-wins rule
}

BOOST_AUTO_TEST_SUITE_END()
