#include "paperboy/chat/slack/signature.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy::chat::slack;
using namespace std::chrono;

namespace paperboy::chat::slack {
std::ostream& operator<<(std::ostream& os, verdict v) { return os << to_string(v); }
}  // namespace paperboy::chat::slack

namespace {

// Slack's worked example (external-apis.md f.1; fixtures/real/slack/slash_command_signing_example.*).
constexpr std::string_view secret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view timestamp = "1531420618";
constexpr std::string_view signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
constexpr long long sent_at = 1531420618;

system_clock::time_point at(long long unix_seconds) { return system_clock::time_point{seconds{unix_seconds}}; }

const std::string& body() {
    static const std::string b = test::read_fixture("slash_command_signing_example.body.txt");
    return b;
}

std::string with_char_changed(std::string s, std::size_t i) {
    s[i] = s[i] == 'a' ? 'b' : 'a';
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slack_signature)

BOOST_AUTO_TEST_CASE(fixture_is_the_documented_body) {
    BOOST_TEST(body().size() == 362u);
    BOOST_TEST(body().back() != '\n');
}

BOOST_AUTO_TEST_CASE(slacks_worked_example_verifies) {
    BOOST_TEST(sign(secret, timestamp, body()) == signature);
    BOOST_TEST(verify_signature(secret, timestamp, signature, body(), at(sent_at)) == verdict::ok);
    // The clock may be up to 300 s either side, inclusive; sub-second parts do not matter.
    BOOST_TEST(verify_signature(secret, timestamp, signature, body(), at(sent_at + 300)) == verdict::ok);
    BOOST_TEST(verify_signature(secret, timestamp, signature, body(), at(sent_at - 300)) == verdict::ok);
    BOOST_TEST(verify_signature(secret, timestamp, signature, body(), at(sent_at + 5) + milliseconds(999)) ==
               verdict::ok);
}

struct bad_case {
    const char* what;
    std::string secret, timestamp, signature, body;
    long long now;
    verdict expected;
};
std::ostream& operator<<(std::ostream& os, const bad_case& c) { return os << c.what; }

std::vector<bad_case> bad_cases() {
    const std::string s(secret), t(timestamp), sig(signature), b = body();
    std::string upper = sig;
    for (std::size_t i = 3; i < upper.size(); ++i)
        if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = static_cast<char>(upper[i] - 'a' + 'A');
    return {
        {"forged: one hex digit changed", s, t, with_char_changed(sig, 10), b, sent_at, verdict::bad_signature},
        {"forged: last hex digit changed", s, t, sig.substr(0, 66) + (sig[66] == '3' ? "4" : "3"), b, sent_at,
         verdict::bad_signature},
        {"tampered body: one byte", s, t, sig, with_char_changed(b, 100), sent_at, verdict::bad_signature},
        {"body with a trailing newline", s, t, sig, b + "\n", sent_at, verdict::bad_signature},
        {"wrong secret", with_char_changed(s, 0), t, sig, b, sent_at, verdict::bad_signature},
        {"empty secret", "", t, sig, b, sent_at, verdict::bad_signature},
        {"timestamp changed (still fresh)", s, "1531420619", sig, b, sent_at, verdict::bad_signature},
        {"stale: 301 s old", s, t, sig, b, sent_at + 301, verdict::stale},
        {"stale: a day old", s, t, sig, b, sent_at + 86400, verdict::stale},
        {"stale: 301 s in the future", s, t, sig, b, sent_at - 301, verdict::stale},
        {"stale: far in the future", s, "999999999999", sig, b, sent_at, verdict::stale},
        {"missing timestamp", s, "", sig, b, sent_at, verdict::missing},
        {"missing signature", s, t, "", b, sent_at, verdict::missing},
        {"both missing", s, "", "", b, sent_at, verdict::missing},
        {"garbage timestamp", s, "yesterday", sig, b, sent_at, verdict::stale},
        {"negative timestamp", s, "-1531420618", sig, b, sent_at, verdict::stale},
        {"timestamp with spaces", s, " 1531420618", sig, b, sent_at, verdict::stale},
        {"timestamp with fraction", s, "1531420618.5", sig, b, sent_at, verdict::stale},
        {"huge timestamp", s, "153142061800000000000000", sig, b, sent_at, verdict::stale},
        {"wrong prefix v1=", s, t, "v1=" + sig.substr(3), b, sent_at, verdict::bad_signature},
        {"no prefix", s, t, sig.substr(3), b, sent_at, verdict::bad_signature},
        {"upper-case hex", s, t, upper, b, sent_at, verdict::bad_signature},
        {"upper-case prefix", s, t, "V0=" + sig.substr(3), b, sent_at, verdict::bad_signature},
        {"truncated", s, t, sig.substr(0, 66), b, sent_at, verdict::bad_signature},
        {"extra digit", s, t, sig + "0", b, sent_at, verdict::bad_signature},
        {"prefix only", s, t, "v0=", b, sent_at, verdict::bad_signature},
        {"non-hex", s, t, "v0=" + std::string(64, 'z'), b, sent_at, verdict::bad_signature},
    };
}

BOOST_DATA_TEST_CASE(rejects, bdata::make(bad_cases()), c) {
    BOOST_TEST(verify_signature(c.secret, c.timestamp, c.signature, c.body, at(c.now)) == c.expected);
}

BOOST_AUTO_TEST_CASE(sign_round_trips_any_body) {
    const auto now = system_clock::now();
    const std::string ts = std::to_string(duration_cast<seconds>(now.time_since_epoch()).count());
    for (std::string body : {std::string(), std::string("{\"type\":\"url_verification\"}"), std::string(100000, 'x'),
                             std::string("\0\xff binary", 9)}) {
        const std::string sig = sign("another-secret", ts, body);
        BOOST_TEST(sig.size() == 67u);
        BOOST_TEST(sig.starts_with("v0="));
        BOOST_TEST(sig.find_first_not_of("0123456789abcdef", 3) == std::string::npos);
        BOOST_TEST(verify_signature("another-secret", ts, sig, body, now) == verdict::ok);
        BOOST_TEST(verify_signature("another-secret!", ts, sig, body, now) == verdict::bad_signature);
    }
    // An empty secret still signs (HMAC allows it); verify_signature refuses it regardless.
    BOOST_TEST(sign("", ts, "x").size() == 67u);
}

BOOST_AUTO_TEST_CASE(names_verdicts) {
    BOOST_TEST(std::string(to_string(verdict::ok)) == "ok");
    BOOST_TEST(std::string(to_string(verdict::stale)) == "stale");
    BOOST_TEST(std::string(to_string(verdict::missing)) == "missing");
    BOOST_TEST(std::string(to_string(verdict::bad_signature)) == "bad_signature");
}

BOOST_AUTO_TEST_SUITE_END()
