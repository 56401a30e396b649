// http_server end to end over real sockets: routing, limits, keep-alive, overload and shutdown.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>

#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/server.hpp"

using namespace paperboy;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

asio::awaitable<net::response> echo(net::request& req) {
    co_return net::response::json(200, "{\"body_bytes\":" + std::to_string(req.body.size()) + ",\"date\":\"" +
                                           (req.path_params.count("date") ? req.path_params["date"] : "") + "\"}");
}

asio::awaitable<net::response> slow(net::request&) {
    asio::steady_timer t(co_await asio::this_coro::executor, 400ms);
    co_await t.async_wait(asio::use_awaitable);
    co_return net::response::json(200, R"({"slow":true})");
}

asio::awaitable<net::response> throws(net::request&) {
    throw std::runtime_error("secret internal detail");
    co_return net::response{};
}

// A running server on 127.0.0.1:0 with two I/O threads (its own); `ioc` runs the shutdown.
struct server_fixture {
    net::server_config cfg = [] {
        net::server_config c;
        c.port = 0;
        c.request_timeout = 500ms;
        c.keep_alive_timeout = 2000ms;
        c.max_body_bytes = 64 * 1024;
        c.max_connections = 8;
        c.shutdown_grace = 3000ms;
        return c;
    }();
    metrics::registry metrics;
    asio::io_context ioc;
    std::optional<net::http_server> server;

    void start() {
        net::router r;
        r.add("GET", "/healthz", echo).add("POST", "/echo", echo).add("GET", "/digests/{date}", echo);
        r.add("GET", "/slow", slow).add("GET", "/throws", throws);
        server.emplace(cfg, std::move(r), metrics);
        server->start();
    }
    ~server_fixture() {
        if (server && !stopped) shutdown();
    }
    void shutdown() {
        stopped = true;
        asio::co_spawn(ioc, server->shutdown(), asio::detached);
        ioc.run();
    }
    bool stopped = false;

    tcp::socket connect() {
        tcp::socket s(client_ioc);
        s.connect({asio::ip::make_address("127.0.0.1"), server->port()});
        return s;
    }
    // Sends raw bytes and reads one response.
    http::response<http::string_body> exchange(tcp::socket& s, const std::string& raw) {
        asio::write(s, asio::buffer(raw));
        return read_response(s);
    }
    http::response<http::string_body> read_response(tcp::socket& s) {
        http::response<http::string_body> res;
        http::read(s, buffer, res);
        return res;
    }
    asio::io_context client_ioc;
    beast::flat_buffer buffer;
};

bool closed_by_peer(tcp::socket& s, std::chrono::milliseconds within) {
    s.non_blocking(false);
    timeval tv{0, static_cast<suseconds_t>(within.count() * 1000)};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char c;
    boost::system::error_code ec;
    auto n = s.read_some(asio::buffer(&c, 1), ec);
    return n == 0 && (ec == asio::error::eof || ec == asio::error::connection_reset);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_server, server_fixture)

BOOST_AUTO_TEST_CASE(routes_answer_and_unknowns_get_json_errors) {
    start();
    auto s = connect();
    auto ok = exchange(s, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(ok.result_int() == 200u);
    BOOST_TEST(ok[http::field::content_type] == "application/json");
    auto digest = exchange(s, "GET /digests/2026-02-23 HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(digest.body() == R"({"body_bytes":0,"date":"2026-02-23"})");
    auto missing = exchange(s, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(missing.result_int() == 404u);
    BOOST_TEST(missing.body() == R"({"error":"not found"})");
    auto wrong = exchange(s, "DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(wrong.result_int() == 405u);
    BOOST_TEST(wrong[http::field::allow] == "GET");
    auto failed = exchange(s, "GET /throws HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(failed.result_int() == 500u);
    BOOST_TEST(failed.body() == R"({"error":"internal error"})");  // no internal detail
    BOOST_TEST(server->connections() == 1u);  // all of it on one keep-alive connection
    BOOST_TEST(metrics.value("paperboy_http_requests_total", {{"route", "/healthz"}, {"method", "GET"}, {"status", "200"}}) == 1);
    BOOST_TEST(metrics.value("paperboy_http_requests_total", {{"route", "unmatched"}, {"method", "GET"}, {"status", "404"}}) == 1);
}

BOOST_AUTO_TEST_CASE(methods_outside_the_standard_set_share_one_metrics_label) {
    start();
    auto s = connect();
    for (const char* method : {"FROBNICATE", "XYZZY", "BREW"}) {
        auto r = exchange(s, std::string(method) + " /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        BOOST_TEST(r.result_int() == 405u);
    }
    // A request is counted just after its answer is written: the last one may still be on its way.
    const auto counted = [&] {
        return metrics.value("paperboy_http_requests_total", {{"route", "/healthz"}, {"method", "other"}, {"status", "405"}});
    };
    for (int i = 0; i < 500 && counted() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    BOOST_TEST(counted() == 3);
    BOOST_TEST(metrics.value("paperboy_http_requests_total", {{"route", "/healthz"}, {"method", "BREW"}, {"status", "405"}}) == 0);
}

BOOST_AUTO_TEST_CASE(oversized_body_gets_413_and_the_server_keeps_serving) {
    start();
    auto s = connect();
    const std::size_t eight_mib = 8 * 1024 * 1024;
    asio::write(s, asio::buffer("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(eight_mib) +
                                "\r\n\r\n" + std::string(64 * 1024, 'a')));
    auto res = read_response(s);
    BOOST_TEST(res.result_int() == 413u);
    BOOST_TEST(res.body() == R"({"error":"request body too large"})");
    auto s2 = connect();
    auto small = exchange(s2, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    BOOST_TEST(small.body() == R"({"body_bytes":5,"date":""})");
}

BOOST_AUTO_TEST_CASE(oversized_headers_get_431) {
    start();
    auto s = connect();
    auto res = exchange(s, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'b') + "\r\n\r\n");
    BOOST_TEST(res.result_int() == 431u);
}

BOOST_AUTO_TEST_CASE(malformed_requests_get_400) {
    start();
    auto s = connect();
    auto res = exchange(s, "GARBAGE\r\n\r\n");
    BOOST_TEST(res.result_int() == 400u);
    BOOST_TEST(res.body() == R"({"error":"malformed HTTP request"})");
}

BOOST_AUTO_TEST_CASE(slow_requests_are_closed_after_the_deadline) {
    start();
    auto silent = connect();
    BOOST_TEST(closed_by_peer(silent, 3000ms));  // request_timeout is 500 ms
    auto slowloris = connect();
    asio::write(slowloris, asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n")));  // never finishes
    BOOST_TEST(closed_by_peer(slowloris, 3000ms));
    auto fresh = connect();
    BOOST_TEST(exchange(fresh, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(connections_over_the_limit_get_503) {
    cfg.max_connections = 2;
    start();
    auto a = connect();
    auto b = connect();
    BOOST_TEST(exchange(a, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").result_int() == 200u);
    BOOST_TEST(exchange(b, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").result_int() == 200u);
    auto c = connect();
    auto busy = read_response(c);
    BOOST_TEST(busy.result_int() == 503u);
    BOOST_TEST(busy.body() == R"({"error":"server busy"})");
}

BOOST_AUTO_TEST_CASE(shutdown_finishes_in_flight_requests_and_closes_idle_ones) {
    start();
    auto idle = connect();
    BOOST_TEST(exchange(idle, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").result_int() == 200u);
    auto busy = connect();
    asio::write(busy, asio::buffer(std::string("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")));
    std::this_thread::sleep_for(100ms);  // let the slow handler start
    const auto started = std::chrono::steady_clock::now();
    std::thread stopper([this] { shutdown(); });
    auto res = read_response(busy);  // the in-flight request still gets its answer
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(!res.keep_alive());
    BOOST_TEST(closed_by_peer(idle, 2000ms));
    stopper.join();
    BOOST_TEST((std::chrono::steady_clock::now() - started < 2500ms));
    tcp::socket late(client_ioc);
    boost::system::error_code ec;
    late.connect({asio::ip::make_address("127.0.0.1"), server->port()}, ec);
    BOOST_TEST(ec.failed());  // no longer accepting
}

BOOST_AUTO_TEST_SUITE_END()
