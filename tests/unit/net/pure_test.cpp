// The net layer's pure parts: routing, retry policy, Retry-After, pacing, proxy selection.
#include <boost/test/unit_test.hpp>

#include "paperboy/net/client.hpp"
#include "paperboy/net/retry.hpp"
#include "paperboy/net/router.hpp"

using namespace paperboy::net;
using namespace std::chrono_literals;

namespace {
boost::asio::awaitable<response> ok(request&) { co_return response::json(200, "{}"); }
}  // namespace

BOOST_AUTO_TEST_SUITE(net_pure)

BOOST_AUTO_TEST_CASE(router_tells_404_from_405_and_fills_params) {
    router r;
    r.add("GET", "/healthz", ok).add("GET", "/digests/{date}", ok).add("POST", "/slack/commands", ok);
    request get_digest{.method = "GET", .path = "/digests/2026-02-23"};
    auto m = r.find(get_digest);
    BOOST_TEST(m.target != nullptr);
    BOOST_TEST(m.pattern == "/digests/{date}");
    BOOST_TEST(get_digest.path_params["date"] == "2026-02-23");

    request wrong_method{.method = "GET", .path = "/slack/commands"};
    m = r.find(wrong_method);
    BOOST_TEST(m.target == nullptr);
    BOOST_TEST(m.status == 405u);
    BOOST_TEST(m.allow == "POST");

    request missing{.method = "GET", .path = "/digests/2026-02-23/extra"};
    BOOST_TEST(r.find(missing).status == 404u);
    request trailing{.method = "GET", .path = "/healthz/"};
    BOOST_TEST(r.find(trailing).target != nullptr);
}

BOOST_AUTO_TEST_CASE(statuses_are_classified) {
    BOOST_TEST((classify_status(200) == failure_class::none));
    BOOST_TEST((classify_status(404) == failure_class::client));
    BOOST_TEST((classify_status(429) == failure_class::rate_limited));
    BOOST_TEST((classify_status(503) == failure_class::server));
    BOOST_TEST((classify_status(529) == failure_class::server));
    BOOST_TEST(!is_retryable(failure_class::client));
    BOOST_TEST(!is_retryable(failure_class::tls));
    BOOST_TEST(!is_retryable(failure_class::too_large));
    BOOST_TEST(is_retryable(failure_class::network));
    BOOST_TEST(is_retryable(failure_class::timeout));
}

BOOST_AUTO_TEST_CASE(retry_after_accepts_seconds_fractions_and_dates) {
    const auto now = std::chrono::sys_days{std::chrono::year{2015} / 10 / 21} + 7h + 27min + 50s;
    BOOST_TEST(parse_retry_after("3", now)->count() == 3000);
    BOOST_TEST(parse_retry_after(" 64.57 ", now)->count() == 64570);
    BOOST_TEST(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now)->count() == 10000);
    BOOST_TEST(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now)->count() == 0);  // in the past
    BOOST_TEST(!parse_retry_after("soon", now));
    BOOST_TEST(!parse_retry_after("", now));
    BOOST_TEST(!parse_retry_after("-1", now));
    BOOST_TEST(!parse_retry_after("3x", now));
}

BOOST_AUTO_TEST_CASE(backoff_is_capped_jittered_and_bounded) {
    retry_policy p{3, 500ms, 1500ms, 60s};
    BOOST_TEST(p.delay(1, failure_class::server, std::nullopt, 0.999)->count() == 499);
    BOOST_TEST(p.delay(2, failure_class::server, std::nullopt, 0.5)->count() == 500);
    BOOST_TEST(p.delay(3, failure_class::network, std::nullopt, 0.999)->count() == 1498);  // capped at 1500
    BOOST_TEST(p.delay(1, failure_class::server, std::nullopt, 0.0)->count() == 0);
    BOOST_TEST(!p.delay(4, failure_class::server, std::nullopt, 0.5));  // retries used up
    BOOST_TEST(!p.delay(1, failure_class::client, std::nullopt, 0.5));
    BOOST_TEST(p.delay(1, failure_class::rate_limited, 7s, 0.5)->count() == 7000);  // Retry-After wins
    BOOST_TEST(!p.delay(1, failure_class::rate_limited, 61s, 0.5));                 // too long: give up
}

BOOST_AUTO_TEST_CASE(pacer_spaces_request_starts) {
    pacer gate(3000ms);
    const pacer::time_point t0{};
    BOOST_TEST((gate.reserve(t0) == t0));
    BOOST_TEST((gate.reserve(t0) == t0 + 3s));         // second caller at the same instant waits 3 s
    BOOST_TEST((gate.reserve(t0 + 1s) == t0 + 6s));    // third queues behind it
    BOOST_TEST((gate.reserve(t0 + 20s) == t0 + 20s));  // after a quiet spell: no wait
    pacer open(0ms);
    BOOST_TEST((open.reserve(t0) == t0));
    BOOST_TEST((open.reserve(t0) == t0));
}

BOOST_AUTO_TEST_CASE(proxy_selection_honours_no_proxy) {
    auto p = proxy_settings::from_environment(
        {{"HTTPS_PROXY", "http://proxy:3128"}, {"http_proxy", "http://plain:8080"}, {"NO_PROXY", "localhost,.internal.example, 127.0.0.1"}});
    BOOST_TEST(p.proxy_for("https", "slack.com") == "http://proxy:3128");
    BOOST_TEST(p.proxy_for("http", "export.arxiv.org") == "http://plain:8080");
    BOOST_TEST(p.proxy_for("https", "localhost") == "");
    BOOST_TEST(p.proxy_for("https", "127.0.0.1") == "");
    BOOST_TEST(p.proxy_for("https", "api.internal.example") == "");
    BOOST_TEST(p.proxy_for("https", "internal.example") == "");
    BOOST_TEST(p.proxy_for("https", "notinternal.example") == "http://proxy:3128");
    BOOST_TEST(proxy_settings::from_environment({{"HTTPS_PROXY", "http://p:1"}, {"NO_PROXY", "*"}})
                   .proxy_for("https", "x.com") == "");
    BOOST_TEST(proxy_settings{}.proxy_for("https", "x.com") == "");
}

BOOST_AUTO_TEST_CASE(json_errors_are_escaped) {
    auto r = response::error(400, "bad \"input\"\n");
    BOOST_TEST(r.status == 400u);
    BOOST_TEST(r.body == R"({"error":"bad \"input\"\n"})");
}

BOOST_AUTO_TEST_SUITE_END()
