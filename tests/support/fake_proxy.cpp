#include "fake_proxy.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <mutex>
#include <thread>

namespace paperboy::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

struct fake_proxy::impl {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::thread thread;
    unsigned refuse_with = 0;
    mutable std::mutex mutex;
    std::vector<std::string> targets;

    static awaitable<void> relay(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
        std::array<char, 16 * 1024> buf{};
        for (;;) {
            auto [ec, n] = co_await from->async_read_some(asio::buffer(buf), tuple_awaitable);
            if (ec) break;
            auto [wec, wn] = co_await asio::async_write(*to, asio::buffer(buf.data(), n), tuple_awaitable);
            if (wec) break;
        }
        boost::system::error_code ignored;
        to->shutdown(tcp::socket::shutdown_send, ignored);
    }

    awaitable<void> session(std::shared_ptr<tcp::socket> client) {
        beast::flat_buffer buffer;
        http::request_parser<http::empty_body> parser;
        auto [ec, n] = co_await http::async_read_header(*client, buffer, parser, tuple_awaitable);
        if (ec) co_return;
        const std::string target(parser.get().target());
        {
            std::lock_guard lock(mutex);
            targets.push_back(target);
        }
        auto answer = [&](const std::string& status_line) -> awaitable<bool> {
            auto [wec, wn] = co_await asio::async_write(*client, asio::buffer(status_line), tuple_awaitable);
            co_return !wec;
        };
        if (parser.get().method() != http::verb::connect || refuse_with != 0) {
            const unsigned status = refuse_with ? refuse_with : 405;
            co_await answer("HTTP/1.1 " + std::to_string(status) + " Refused\r\nContent-Length: 0\r\n\r\n");
            co_return;
        }
        const auto colon = target.rfind(':');
        auto upstream = std::make_shared<tcp::socket>(ioc);
        tcp::resolver resolver(ioc);
        auto [rec, endpoints] = co_await resolver.async_resolve(target.substr(0, colon), target.substr(colon + 1),
                                                                tuple_awaitable);
        if (rec) co_return;
        auto [cec, ep] = co_await asio::async_connect(*upstream, endpoints, tuple_awaitable);
        if (cec) {
            co_await answer("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            co_return;
        }
        if (!co_await answer("HTTP/1.1 200 Connection established\r\n\r\n")) co_return;
        asio::co_spawn(ioc, relay(client, upstream), asio::detached);
        co_await relay(upstream, client);
    }

    awaitable<void> accept_loop() {
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(ioc);
            auto [ec] = co_await acceptor.async_accept(*socket, tuple_awaitable);
            if (ec) co_return;
            asio::co_spawn(ioc, session(socket), asio::detached);
        }
    }
};

fake_proxy::fake_proxy(unsigned refuse_with) : impl_(std::make_shared<impl>()) {
    impl_->refuse_with = refuse_with;
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    impl_->thread = std::thread([i = impl_] { i->ioc.run(); });
}

fake_proxy::~fake_proxy() {
    impl_->ioc.stop();
    impl_->thread.join();
}

std::string fake_proxy::url() const {
    return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port());
}

std::vector<std::string> fake_proxy::connect_targets() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->targets;
}

}  // namespace paperboy::test
