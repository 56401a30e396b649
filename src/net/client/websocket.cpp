#include "paperboy/net/websocket.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "connection.hpp"

namespace paperboy::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;
using asio::awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

struct websocket::impl {
    std::optional<ws::stream<beast::tcp_stream>> plain;
    std::optional<ws::stream<beast::ssl_stream<beast::tcp_stream>>> tls;
    beast::flat_buffer buffer;
};

namespace {

error failure(const beast::error_code& ec, std::uint16_t close_code, const std::string& what) {
    return error{what + ": " + ec.message(), close_code};
}

template <class Stream>
void configure(Stream& s) {
    s.set_option(ws::stream_base::timeout::suggested(beast::role_type::client));
    s.read_message_max(4 * 1024 * 1024);
    s.set_option(ws::stream_base::decorator([](ws::request_type& req) {
        req.set(beast::http::field::user_agent, std::string("paperboy/") + PAPERBOY_VERSION);
    }));
}

template <class Stream>
awaitable<result<std::string>> read_on(Stream& s, beast::flat_buffer& buffer) {
    buffer.consume(buffer.size());
    auto [ec, n] = co_await s.async_read(buffer, tuple_awaitable);
    if (ec) {
        const std::uint16_t code = ec == ws::error::closed ? static_cast<std::uint16_t>(s.reason().code) : 0;
        co_return failure(ec, code, code ? "closed with " + std::to_string(code) : "connection lost");
    }
    co_return beast::buffers_to_string(buffer.data());
}

template <class Stream>
awaitable<std::optional<error>> write_on(Stream& s, const std::string& text) {
    s.text(true);
    auto [ec, n] = co_await s.async_write(asio::buffer(text), tuple_awaitable);
    if (ec) co_return failure(ec, 0, "sending");
    co_return std::nullopt;
}

}  // namespace

websocket::websocket(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
websocket::~websocket() = default;

awaitable<result<std::unique_ptr<websocket>>> websocket::connect(http_client& http, std::string url, std::string upstream) {
    // The connection is made as for http(s); the handshake then speaks WebSocket on it.
    std::string http_url = url;
    if (url.rfind("wss://", 0) == 0) http_url = "https://" + url.substr(6);
    else if (url.rfind("ws://", 0) == 0) http_url = "http://" + url.substr(5);
    else co_return error{"not a ws:// or wss:// URL: " + url, static_cast<int>(transport_failure::invalid_request)};
    auto target = detail::parse_target(http_url);
    if (!target) co_return error{target.err().message, static_cast<int>(transport_failure::invalid_request)};
    auto c = co_await http.open(http_url, upstream);
    if (!c) co_return c.err();
    auto i = std::make_unique<impl>();
    beast::error_code ec;
    if ((*c)->tls) {
        i->tls.emplace(std::move(*(*c)->tls));
        configure(*i->tls);
        auto [hec] = co_await i->tls->async_handshake(target->authority(), target->path_query, tuple_awaitable);
        ec = hec;
    } else {
        i->plain.emplace(std::move(*(*c)->plain));
        configure(*i->plain);
        auto [hec] = co_await i->plain->async_handshake(target->authority(), target->path_query, tuple_awaitable);
        ec = hec;
    }
    if (ec) co_return error{"WebSocket handshake with " + target->host + ": " + ec.message(),
                            static_cast<int>(transport_failure::connect)};
    // The WebSocket's own timeouts take over from the TCP deadline of the connect.
    if (i->tls) beast::get_lowest_layer(*i->tls).expires_never();
    else beast::get_lowest_layer(*i->plain).expires_never();
    co_return std::unique_ptr<websocket>(new websocket(std::move(i)));
}

awaitable<result<std::string>> websocket::read() {
    if (impl_->tls) co_return co_await read_on(*impl_->tls, impl_->buffer);
    co_return co_await read_on(*impl_->plain, impl_->buffer);
}

awaitable<std::optional<error>> websocket::write(std::string text) {
    if (impl_->tls) co_return co_await write_on(*impl_->tls, text);
    co_return co_await write_on(*impl_->plain, text);
}

awaitable<void> websocket::close(std::uint16_t code) {
    const ws::close_reason reason(code);
    if (impl_->tls) co_await impl_->tls->async_close(reason, tuple_awaitable);
    else co_await impl_->plain->async_close(reason, tuple_awaitable);
}

void websocket::keep_alive(std::chrono::milliseconds idle) {
    auto timeouts = ws::stream_base::timeout::suggested(beast::role_type::client);
    timeouts.idle_timeout = idle;
    timeouts.keep_alive_pings = true;
    if (impl_->tls) impl_->tls->set_option(timeouts);
    else impl_->plain->set_option(timeouts);
}

void websocket::abort() {
    beast::error_code ignored;
    if (impl_->tls) beast::get_lowest_layer(*impl_->tls).socket().close(ignored);
    else if (impl_->plain) beast::get_lowest_layer(*impl_->plain).socket().close(ignored);
}

}  // namespace paperboy::net
