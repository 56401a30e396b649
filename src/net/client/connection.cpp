#include "connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <openssl/ssl.h>

namespace paperboy::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

std::string target::authority() const {
    const bool default_port = (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
    const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return default_port ? h : h + ":" + port;
}

result<target> parse_target(std::string_view url) {
    auto u = boost::urls::parse_absolute_uri(url);
    if (!u) return error{"invalid URL \"" + std::string(url) + "\""};
    target t;
    t.scheme = u->scheme();
    if (t.scheme != "http" && t.scheme != "https") return error{"unsupported URL scheme in \"" + std::string(url) + "\""};
    t.host = u->host();
    if (t.host.size() > 2 && t.host.front() == '[') t.host = t.host.substr(1, t.host.size() - 2);
    if (t.host.empty()) return error{"URL has no host: \"" + std::string(url) + "\""};
    t.port = u->has_port() ? std::string(u->port()) : (t.tls() ? "443" : "80");
    t.path_query = u->encoded_path().empty() ? "/" : std::string(u->encoded_path());
    if (u->has_query()) t.path_query += "?" + std::string(u->encoded_query());
    return t;
}

namespace {

exchange_outcome failed(failure_class f, std::string message, bool nothing_received = false) {
    exchange_outcome out;
    out.failure = f;
    out.error = std::move(message);
    out.nothing_received = nothing_received;
    return out;
}

failure_class classify(const beast::error_code& ec) {
    if (ec == asio::error::operation_aborted) return failure_class::cancelled;
    if (ec == beast::error::timeout) return failure_class::timeout;
    if (ec == http::error::body_limit) return failure_class::too_large;
    if (ec.category() == asio::error::get_ssl_category()) return failure_class::tls;
    return failure_class::network;
}

template <class Stream>
awaitable<exchange_outcome> round_trip(Stream& stream, beast::flat_buffer& buffer,
                                       http::request<http::string_body>& msg, std::size_t max_body) {
    auto [wec, wn] = co_await http::async_write(stream, msg, tuple_awaitable);
    if (wec) co_return failed(classify(wec), "sending request: " + wec.message(), true);
    http::response_parser<http::string_body> parser;
    parser.header_limit(64 * 1024);
    parser.body_limit(max_body);
    auto [rec, rn] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
    if (rec) {
        const bool nothing = !parser.got_some() && (rec == http::error::end_of_stream || rec == asio::error::eof ||
                                                    rec == asio::error::connection_reset);
        const auto f = classify(rec);
        auto out = failed(f, f == failure_class::too_large ? "response larger than " + std::to_string(max_body) + " bytes"
                                                           : "reading response: " + rec.message(),
                          nothing);
        out.request_sent = true;
        co_return out;
    }
    auto res = parser.release();
    exchange_outcome out;
    out.request_sent = true;
    client_response r;
    r.status = res.result_int();
    for (const auto& f : res) r.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    r.body = std::move(res.body());
    out.reusable = res.keep_alive() && parser.is_done();
    out.response = std::move(r);
    co_return out;
}

std::string basic_auth(std::string_view userinfo) {
    std::string out(beast::detail::base64::encoded_size(userinfo.size()), '\0');
    out.resize(beast::detail::base64::encode(out.data(), userinfo.data(), userinfo.size()));
    return "Basic " + out;
}

}  // namespace

awaitable<std::optional<exchange_outcome>> establish(connection& c, asio::ssl::context& tls_ctx,
                                                     const exchange_request& x) {
    std::string host = x.to.host, port = x.to.port;
    std::string proxy_auth;
    if (!x.proxy.empty()) {
        auto p = boost::urls::parse_uri(x.proxy);
        if (!p || p->host().empty()) co_return failed(failure_class::network, "invalid proxy URL");
        host = p->host();
        port = p->has_port() ? std::string(p->port()) : "80";
        if (p->has_userinfo()) proxy_auth = basic_auth(std::string(p->userinfo()));
    }
    // The resolver has no deadline of its own: a timer cancels it (shared, since the timer's handler
    // may run after this frame is gone).
    auto resolver = std::make_shared<tcp::resolver>(c.strand);
    asio::steady_timer dns_deadline(c.strand, x.deadline);
    dns_deadline.async_wait([weak = std::weak_ptr<tcp::resolver>(resolver)](const beast::error_code& ec) {
        if (auto r = weak.lock(); r && !ec) r->cancel();
    });
    auto [rec, endpoints] = co_await resolver->async_resolve(host, port, tuple_awaitable);
    dns_deadline.cancel();
    if (rec && std::chrono::steady_clock::now() >= x.deadline)
        co_return failed(failure_class::timeout, "resolving " + host + ": no answer before the deadline");
    if (rec) co_return failed(failure_class::network, "resolving " + host + ": " + rec.message());
    beast::tcp_stream stream(c.strand);
    stream.expires_at(x.deadline);
    auto [cec, ep] = co_await stream.async_connect(endpoints, tuple_awaitable);
    if (cec) co_return failed(classify(cec), "connecting to " + host + ":" + port + ": " + cec.message());
    beast::error_code ignored;
    stream.socket().set_option(tcp::no_delay(true), ignored);

    if (!x.proxy.empty() && x.to.tls()) {
        http::request<http::empty_body> connect{http::verb::connect, x.to.host + ":" + x.to.port, 11};
        connect.set(http::field::host, x.to.host + ":" + x.to.port);
        if (!proxy_auth.empty()) connect.set(http::field::proxy_authorization, proxy_auth);
        auto [wec, wn] = co_await http::async_write(stream, connect, tuple_awaitable);
        if (wec) co_return failed(classify(wec), "proxy CONNECT: " + wec.message());
        http::response_parser<http::empty_body> parser;
        parser.skip(true);
        auto [pec, pn] = co_await http::async_read_header(stream, c.buffer, parser, tuple_awaitable);
        if (pec) co_return failed(classify(pec), "proxy CONNECT: " + pec.message());
        if (parser.get().result_int() != 200)
            co_return failed(failure_class::network,
                             "proxy refused CONNECT with HTTP " + std::to_string(parser.get().result_int()));
        c.buffer.consume(c.buffer.size());
    }

    if (!x.to.tls()) {
        c.plain.emplace(std::move(stream));
        co_return std::nullopt;
    }
    c.tls.emplace(std::move(stream), tls_ctx);
    boost::system::error_code addr_ec;
    asio::ip::make_address(x.to.host, addr_ec);
    if (addr_ec && !SSL_set_tlsext_host_name(c.tls->native_handle(), x.to.host.c_str()))  // SNI for names only
        co_return failed(failure_class::tls, "cannot set TLS server name");
    c.tls->set_verify_mode(asio::ssl::verify_peer);
    c.tls->set_verify_callback(asio::ssl::host_name_verification(x.to.host));
    auto [hec] = co_await c.tls->async_handshake(asio::ssl::stream_base::client, tuple_awaitable);
    if (hec) {
        const auto f = hec == beast::error::timeout ? failure_class::timeout : failure_class::tls;
        co_return failed(f, "TLS handshake with " + x.to.host + ": " + hec.message());
    }
    co_return std::nullopt;
}

namespace {

// Sends one request on an established connection and reads the answer.
awaitable<exchange_outcome> send_on(connection& c, const exchange_request& x);

}  // namespace

awaitable<exchange_outcome> exchange(std::shared_ptr<connection> c, asio::ssl::context& tls_ctx, exchange_request x) {
    if (!c->established()) {
        if (auto failure = co_await establish(*c, tls_ctx, x)) co_return std::move(*failure);
    }
    auto out = co_await send_on(*c, x);
    out.connected = true;
    co_return out;
}

namespace {

awaitable<exchange_outcome> send_on(connection& c, const exchange_request& x) {
    c.tcp().expires_at(x.deadline);
    const bool absolute_form = !x.proxy.empty() && !x.to.tls();  // plain http through a proxy
    http::request<http::string_body> msg{http::string_to_verb(x.req.method),
                                         absolute_form ? x.req.url : x.to.path_query, 11};
    if (msg.method() == http::verb::unknown) co_return failed(failure_class::client, "unknown method " + x.req.method);
    msg.set(http::field::host, x.to.authority());
    msg.set(http::field::user_agent, x.user_agent);
    msg.set(http::field::accept_encoding, "identity");
    for (const auto& h : x.req.headers) msg.set(h.name, h.value);
    msg.body() = x.req.body;
    msg.keep_alive(true);
    msg.prepare_payload();
    if (c.tls) co_return co_await round_trip(*c.tls, c.buffer, msg, x.max_response_bytes);
    co_return co_await round_trip(*c.plain, c.buffer, msg, x.max_response_bytes);
}

}  // namespace

}  // namespace paperboy::net::detail
