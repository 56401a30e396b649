#include <boost/test/unit_test.hpp>

#include "paperboy/chat/discord/rate_limits.hpp"

using namespace paperboy::chat::discord;
using namespace std::chrono;
using paperboy::net::headers;

namespace {
const steady_clock::time_point t0{seconds(1000)};
}

BOOST_AUTO_TEST_SUITE(discord_rate_limits)

BOOST_AUTO_TEST_CASE(routes_keep_the_major_parameter_and_hide_webhook_tokens) {
    BOOST_TEST(route_of("POST", "/channels/123/messages") == "POST /channels/123/messages");
    BOOST_TEST(route_of("POST", "/channels/123/messages/456/threads") == "POST /channels/123/messages/:id/threads");
    BOOST_TEST(route_of("PATCH", "/webhooks/9/secret-token/messages/@original") ==
               "PATCH /webhooks/9/:token/messages/@original");
    BOOST_TEST(route_of("POST", "/webhooks/9/tok?wait=true") == "POST /webhooks/9/:token");
}

BOOST_AUTO_TEST_CASE(an_empty_bucket_waits_for_its_reset_per_channel) {
    rate_limits l;
    const std::string a = route_of("POST", "/channels/1/messages"), b = route_of("POST", "/channels/2/messages");
    l.update(a, 200, headers{{"X-RateLimit-Bucket", "abc"}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset-After", "1.5"}}, "", t0);
    BOOST_TEST(l.wait(a, t0).count() == 1500);
    BOOST_TEST(l.wait(a, t0 + milliseconds(1000)).count() == 500);
    BOOST_TEST(l.wait(a, t0 + milliseconds(1500)).count() == 0);
    BOOST_TEST(l.wait(b, t0).count() == 0);  // same bucket, another channel
    l.update(a, 200, headers{{"X-RateLimit-Bucket", "abc"}, {"X-RateLimit-Remaining", "4"}, {"X-RateLimit-Reset-After", "1"}}, "", t0);
    BOOST_TEST(l.wait(a, t0).count() == 0);
}

BOOST_AUTO_TEST_CASE(a_429_waits_retry_after_for_its_bucket_or_for_everything_when_global) {
    rate_limits l;
    const std::string a = route_of("POST", "/channels/1/messages"), b = route_of("GET", "/gateway/bot");
    auto wait = l.update(a, 429, {}, R"({"message":"You are being rate limited.","retry_after":0.25,"global":false})", t0);
    BOOST_REQUIRE(wait);
    BOOST_TEST(wait->count() == 250);
    BOOST_TEST(l.wait(a, t0).count() == 250);
    BOOST_TEST(l.wait(b, t0).count() == 0);
    wait = l.update(a, 429, headers{{"X-RateLimit-Global", "true"}}, R"({"retry_after":64.57,"global":true})", t0);
    BOOST_TEST(wait->count() == 64570);
    BOOST_TEST(l.wait(b, t0 + seconds(60)).count() == 4570);
    // A 429 without a body still waits (Retry-After, else a second).
    BOOST_TEST(l.update(b, 429, headers{{"Retry-After", "3"}}, "", t0 + seconds(100))->count() == 3000);
    BOOST_TEST(l.update(b, 429, {}, "<html>", t0 + seconds(200))->count() == 1000);
}

BOOST_AUTO_TEST_CASE(a_storm_of_401_or_403_pauses_the_route_and_a_success_resets_it) {
    rate_limits l;
    const std::string a = route_of("POST", "/channels/1/messages");
    for (int i = 0; i < rate_limits::storm_limit - 1; ++i) l.update(a, 403, {}, R"({"code":50013})", t0);
    BOOST_TEST(!l.paused(a, t0));
    l.update(a, 200, {}, "{}", t0);
    for (int i = 0; i < rate_limits::storm_limit - 1; ++i) l.update(a, 403, {}, "", t0);
    BOOST_TEST(!l.paused(a, t0));
    l.update(a, 401, {}, "", t0);
    BOOST_TEST(l.paused(a, t0));
    BOOST_TEST(l.paused(a, t0 + minutes(9)));
    BOOST_TEST(!l.paused(a, t0 + minutes(10)));
    BOOST_TEST(!l.paused(route_of("POST", "/channels/2/messages"), t0));
}

BOOST_AUTO_TEST_SUITE_END()
