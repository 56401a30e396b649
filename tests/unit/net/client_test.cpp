// http_client against fake peers on 127.0.0.1: retries, Retry-After, pacing, limits, reuse and TLS.
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/test/unit_test.hpp>

#include "fake_peer.hpp"
#include "fake_proxy.hpp"
#include "io_fixture.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/client.hpp"
#include "test_pki.hpp"

using namespace paperboy;
using namespace std::chrono_literals;
using test::fake_peer;
using test::scripted_reply;

namespace {

struct client_fixture : test::io_fixture {
    // The client's own settings (no configuration loader): fast backoff, one upstream "fake".
    struct settings {
        net::http_client_config http_client;
        std::map<std::string, net::upstream_config> upstreams;
    } cfg = [] {
        settings c;
        c.http_client.backoff_base = 10ms;
        c.http_client.backoff_max = 50ms;
        c.upstreams["fake"] = net::upstream_config{"http://127.0.0.1", 2000ms, 0ms, 4, 3};
        return c;
    }();
    metrics::registry metrics;

    static boost::asio::awaitable<void> one(net::http_client& c, std::string u) {
        // A named request: GCC 12 mishandles braced temporaries inside co_await expressions.
        net::client_request req{"GET", std::move(u), {}, {}, "fake"};
        co_await c.send(std::move(req));
    }
    static boost::asio::awaitable<int> three(net::http_client& c, std::string url) {
        using namespace boost::asio::experimental::awaitable_operators;
        co_await (one(c, url) && one(c, url) && one(c, url));
        co_return 3;
    }

    result<net::client_response> get(net::http_client& client, const std::string& url, std::string upstream = "fake") {
        net::client_request req;
        req.url = url;
        req.upstream = std::move(upstream);
        return run(client.send(std::move(req)));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_client, client_fixture)

BOOST_AUTO_TEST_CASE(plain_get_sends_headers_and_reuses_the_connection) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request& r) { return scripted_reply{200, "{\"path\":\"" + r.target + "\"}"}; });
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    for (int i = 0; i < 3; ++i) {
        auto res = get(client, peer.base_url() + "/api/query?search_query=cat%3Acs.CL&start=0");
        BOOST_REQUIRE(res);
        BOOST_TEST(res->status == 200u);
        BOOST_TEST(res->body == R"({"path":"/api/query?search_query=cat%3Acs.CL&start=0"})");
        BOOST_TEST(res->attempts == 1);
    }
    auto seen = peer.requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 3u);
    BOOST_TEST(seen[0].method == "GET");
    BOOST_TEST(seen[0].header("User-Agent")->starts_with("paperboy/"));
    BOOST_TEST(*seen[0].header("Host") == "127.0.0.1:" + std::to_string(peer.port()));
    BOOST_TEST(peer.connections_accepted() == 1);  // keep-alive: one connection for all three
    BOOST_TEST(metrics.value("paperboy_upstream_requests_total", {{"upstream", "fake"}, {"outcome", "200"}}) == 3);
}

BOOST_AUTO_TEST_CASE(post_carries_body_and_headers) {
    fake_peer peer;
    peer.push({201, "{}"});
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    net::client_request req{"POST", peer.base_url() + "/graph/v1/paper/batch?fields=title",
                            {{"Content-Type", "application/json"}, {"x-api-key", "k"}}, R"({"ids":["ARXIV:2602.10693"]})",
                            "fake"};
    auto res = run(client.send(req));
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 201u);
    auto seen = peer.requests().at(0);
    BOOST_TEST(seen.method == "POST");
    BOOST_TEST(seen.body == R"({"ids":["ARXIV:2602.10693"]})");
    BOOST_TEST(*seen.header("x-api-key") == "k");
    BOOST_TEST(*seen.header("Content-Type") == "application/json");
}

BOOST_AUTO_TEST_CASE(rate_limit_is_retried_after_retry_after) {
    fake_peer peer;
    peer.push({429, R"({"message":"You are being rate limited.","retry_after":0.3})", "application/json",
               {{"Retry-After", "0.3"}}});
    peer.push({200, "ok"});
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 200u);
    BOOST_TEST(res->attempts == 2);
    auto seen = peer.requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 2u);
    BOOST_TEST((seen[1].arrived - seen[0].arrived >= 300ms));
    BOOST_TEST(metrics.value("paperboy_upstream_retries_total", {{"upstream", "fake"}}) == 1);
}

BOOST_AUTO_TEST_CASE(server_errors_are_retried_until_the_limit_then_returned) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{503, R"({"error":"busy"})"}; });
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 503u);
    BOOST_TEST(res->attempts == 4);  // 1 + max_retries
    BOOST_TEST(peer.request_count() == 4u);
}

BOOST_AUTO_TEST_CASE(client_errors_are_never_retried) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{404, R"({"error":"Paper with id 0 not found"})"}; });
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 404u);
    BOOST_TEST(peer.request_count() == 1u);
}

BOOST_AUTO_TEST_CASE(dropped_connections_are_retried_then_reported) {
    fake_peer peer;
    peer.push({.drop = true});
    peer.push({200, "recovered"});
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->body == "recovered");
    BOOST_TEST(res->attempts == 2);

    peer.set_handler([](const test::recorded_request&) { return scripted_reply{.drop = true}; });
    auto failed = get(client, peer.base_url() + "/y");
    BOOST_REQUIRE(!failed);
    BOOST_TEST(failed.err().message.find("fake: connection lost after sending") == 0u, failed.err().message);
    BOOST_TEST((net::failure_of(failed.err()) == net::transport_failure::reset_after_send));
    BOOST_TEST(failed.err().message.find("after 4 attempts") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(non_idempotent_calls_are_not_repeated_once_sent) {
    fake_peer peer;
    peer.push({.drop = true});  // the server got the request, then the connection died
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    net::client_request post{"POST", peer.base_url() + "/chat.postMessage", {}, "{}", "fake"};
    post.idempotent = false;
    auto lost = run(client.send(post));
    BOOST_TEST(!lost);
    BOOST_TEST(peer.request_count() == 1u);  // not sent again: it may have been posted
    peer.push({429, "{}", "application/json", {{"Retry-After", "0"}}});
    peer.push({200, "posted"});
    auto limited = run(client.send(post));
    BOOST_REQUIRE(limited);
    BOOST_TEST(limited->body == "posted");  // a 429 proves it was not acted on: retried
}

BOOST_AUTO_TEST_CASE(a_post_on_a_pooled_connection_that_dies_after_the_request_is_not_repeated) {
    fake_peer peer;
    peer.push({200, "first"});
    peer.push({.drop = true});  // the reused connection takes the second request, then dies
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    net::client_request post{"POST", peer.base_url() + "/chat.postMessage", {}, "{}", "fake"};
    post.idempotent = false;
    BOOST_REQUIRE(run(client.send(post)));
    auto lost = run(client.send(post));
    BOOST_REQUIRE(!lost);
    BOOST_TEST((net::failure_of(lost.err()) == net::transport_failure::reset_after_send), lost.err().message);
    BOOST_TEST(net::may_have_arrived(net::failure_of(lost.err())));
    BOOST_TEST(peer.connections_accepted() == 1);  // it was the pooled connection
    BOOST_TEST(peer.request_count() == 2u);        // and no fresh-connection retry of the second POST

    // The same on a GET (idempotent) is retried on a fresh connection, once, for free.
    peer.push({200, "warm"});
    peer.push({.drop = true});
    peer.push({200, "again"});
    BOOST_REQUIRE(get(client, peer.base_url() + "/a"));
    auto retried = get(client, peer.base_url() + "/b");
    BOOST_REQUIRE(retried);
    BOOST_TEST(retried->body == "again");
}

BOOST_AUTO_TEST_CASE(slow_replies_time_out) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{200, "late", "text/plain", {}, 800ms}; });
    cfg.upstreams["fake"].timeout = 150ms;
    cfg.upstreams["fake"].max_retries = 1;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE(!res);
    BOOST_TEST(res.err().message.find("timeout") != std::string::npos);
    BOOST_TEST(peer.request_count() == 2u);
}

BOOST_AUTO_TEST_CASE(oversized_responses_are_refused_not_retried) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{200, std::string(64 * 1024, 'x')}; });
    cfg.http_client.max_response_bytes = 4096;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE(!res);
    BOOST_TEST((net::failure_of(res.err()) == net::transport_failure::too_large), res.err().message);
    BOOST_TEST(peer.request_count() == 1u);
}

BOOST_AUTO_TEST_CASE(refused_connections_fail_cleanly) {
    unsigned short closed_port;
    {
        fake_peer gone;
        closed_port = gone.port();
    }
    cfg.upstreams["fake"].max_retries = 0;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto res = get(client, "http://127.0.0.1:" + std::to_string(closed_port) + "/x");
    BOOST_REQUIRE(!res);
    BOOST_TEST(res.err().message.find("connecting to 127.0.0.1") != std::string::npos);
    BOOST_TEST(!get(client, "ftp://127.0.0.1/x"));
    BOOST_TEST(!get(client, "not a url"));
}

BOOST_AUTO_TEST_CASE(pacing_spaces_requests_and_limits_connections) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{200, "{}", "application/json", {}, 20ms}; });
    cfg.upstreams["fake"].min_interval = 200ms;
    cfg.upstreams["fake"].max_connections = 1;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    // Three concurrent callers; the gate must serialise them 200 ms apart on one connection.
    BOOST_TEST(run(three(client, peer.base_url() + "/p")) == 3);
    auto seen = peer.requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 3u);
    BOOST_TEST((seen[1].arrived - seen[0].arrived >= 190ms));
    BOOST_TEST((seen[2].arrived - seen[1].arrived >= 190ms));
    BOOST_TEST(peer.max_concurrent_requests() == 1);
}

BOOST_AUTO_TEST_CASE(https_with_a_trusted_ca_works) {
    auto pki = test::make_test_pki({"localhost"}, {"127.0.0.1"});
    fake_peer peer(fake_peer::tls_identity{pki.server_cert_pem, pki.server_key_pem});
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{200, "secure"}; });
    cfg.http_client.ca_file = pki.ca_file;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    auto by_ip = get(client, peer.base_url() + "/x");
    BOOST_REQUIRE_MESSAGE(by_ip, (by_ip ? "" : by_ip.err().message));
    BOOST_TEST(by_ip->body == "secure");
    auto by_name = get(client, "https://localhost:" + std::to_string(peer.port()) + "/x");
    BOOST_REQUIRE_MESSAGE(by_name, (by_name ? "" : by_name.err().message));
    BOOST_TEST(by_name->status == 200u);
}

BOOST_AUTO_TEST_CASE(https_refuses_an_untrusted_ca_and_a_wrong_host) {
    auto trusted = test::make_test_pki({"localhost"}, {"127.0.0.1"});
    auto rogue = test::make_test_pki({"localhost"}, {"127.0.0.1"});
    cfg.http_client.ca_file = trusted.ca_file;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    {
        fake_peer peer(fake_peer::tls_identity{rogue.server_cert_pem, rogue.server_key_pem});
        auto res = get(client, peer.base_url() + "/x");
        BOOST_REQUIRE(!res);
        BOOST_TEST((net::failure_of(res.err()) == net::transport_failure::tls), res.err().message);
        BOOST_TEST(peer.request_count() == 0u);
    }
    {
        auto wrong = test::make_test_pki({"example.invalid"}, {});
        cfg.http_client.ca_file = wrong.ca_file;
        net::http_client client2(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
        fake_peer peer(fake_peer::tls_identity{wrong.server_cert_pem, wrong.server_key_pem});
        auto res = get(client2, peer.base_url() + "/x");
        BOOST_REQUIRE(!res);
        BOOST_TEST((net::failure_of(res.err()) == net::transport_failure::tls), res.err().message);
        BOOST_TEST(peer.request_count() == 0u);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_client_proxy, client_fixture)

BOOST_AUTO_TEST_CASE(https_goes_through_a_connect_tunnel) {
    auto pki = test::make_test_pki({"localhost"}, {"127.0.0.1"});
    fake_peer peer(fake_peer::tls_identity{pki.server_cert_pem, pki.server_key_pem});
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{200, "through the tunnel"}; });
    test::fake_proxy proxy;
    cfg.http_client.ca_file = pki.ca_file;
    net::http_client client(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics,
                            net::proxy_settings::from_environment({{"HTTPS_PROXY", proxy.url()}}));
    const std::string url = "https://localhost:" + std::to_string(peer.port()) + "/x";
    auto res = get(client, url);
    BOOST_REQUIRE_MESSAGE(res, (res ? "" : res.err().message));
    BOOST_TEST(res->body == "through the tunnel");
    BOOST_REQUIRE_EQUAL(proxy.connect_targets().size(), 1u);
    BOOST_TEST(proxy.connect_targets()[0] == "localhost:" + std::to_string(peer.port()));
    BOOST_TEST(*peer.requests().at(0).header("Host") == "localhost:" + std::to_string(peer.port()));
}

BOOST_AUTO_TEST_CASE(no_proxy_hosts_connect_directly_and_refusals_are_reported) {
    fake_peer peer;
    peer.set_handler([](const test::recorded_request&) { return scripted_reply{200, "direct"}; });
    test::fake_proxy refusing(407);
    cfg.upstreams["fake"].max_retries = 0;
    net::http_client direct(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics,
                            net::proxy_settings::from_environment(
                                {{"HTTPS_PROXY", refusing.url()}, {"HTTP_PROXY", refusing.url()}, {"NO_PROXY", "127.0.0.1"}}));
    auto res = get(direct, peer.base_url() + "/x");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->body == "direct");
    BOOST_TEST(refusing.connect_targets().empty());

    net::http_client proxied(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics,
                             net::proxy_settings::from_environment({{"HTTPS_PROXY", refusing.url()}}));
    auto refused = get(proxied, "https://localhost:" + std::to_string(peer.port()) + "/x");
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.err().message.find("proxy refused CONNECT with HTTP 407") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
