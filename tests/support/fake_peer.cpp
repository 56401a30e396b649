#include "fake_peer.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace paperboy::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

struct fake_peer::impl : std::enable_shared_from_this<impl> {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::optional<asio::ssl::context> tls;
    std::thread thread;

    mutable std::mutex mutex;
    std::deque<scripted_reply> script;
    std::function<scripted_reply(const recorded_request&)> handler;
    std::vector<recorded_request> log;
    int accepted = 0;
    int in_flight = 0;
    int max_in_flight = 0;

    scripted_reply next_reply(const recorded_request& r) {
        std::function<scripted_reply(const recorded_request&)> h;
        {
            std::lock_guard lock(mutex);
            log.push_back(r);
            if (++in_flight > max_in_flight) max_in_flight = in_flight;
            if (!script.empty()) {
                auto reply = std::move(script.front());
                script.pop_front();
                return reply;
            }
            h = handler;
        }
        if (h) return h(r);
        return scripted_reply{404, R"({"error":"no scripted reply"})"};
    }

    template <class Stream>
    awaitable<void> serve(Stream& stream, int connection) {
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> req;
            auto [ec, n] = co_await http::async_read(stream, buffer, req, tuple_awaitable);
            if (ec) co_return;
            recorded_request r{std::string(req.method_string()), std::string(req.target()), {}, req.body(),
                               connection, std::chrono::steady_clock::now()};
            for (const auto& f : req) r.headers.push_back({std::string(f.name_string()), std::string(f.value())});
            auto reply = next_reply(r);
            if (reply.delay.count() > 0) {
                asio::steady_timer t(ioc, reply.delay);
                co_await t.async_wait(tuple_awaitable);
            }
            {
                std::lock_guard lock(mutex);
                --in_flight;
            }
            if (reply.drop) co_return;
            http::response<http::string_body> res{static_cast<http::status>(reply.status), req.version()};
            res.set(http::field::content_type, reply.content_type);
            for (const auto& h : reply.headers) res.set(h.name, h.value);
            res.body() = reply.body;
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            auto [wec, wn] = co_await http::async_write(stream, res, tuple_awaitable);
            if (wec || !req.keep_alive()) co_return;
        }
    }

    awaitable<void> session(tcp::socket socket, int connection) {
        if (!tls) {
            beast::tcp_stream stream(std::move(socket));
            co_await serve(stream, connection);
            co_return;
        }
        beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
        auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, tuple_awaitable);
        if (!ec) co_await serve(stream, connection);
    }

    awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(tuple_awaitable);
            if (ec) co_return;
            int id;
            {
                std::lock_guard lock(mutex);
                id = ++accepted;
            }
            asio::co_spawn(ioc, session(std::move(socket), id), asio::detached);
        }
    }
};

fake_peer::fake_peer(std::optional<tls_identity> tls) : impl_(std::make_shared<impl>()) {
    if (tls) {
        impl_->tls.emplace(asio::ssl::context::tls_server);
        impl_->tls->use_certificate_chain(asio::buffer(tls->cert_pem));
        impl_->tls->use_private_key(asio::buffer(tls->key_pem), asio::ssl::context::pem);
    }
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    impl_->thread = std::thread([i = impl_] { i->ioc.run(); });
}

fake_peer::~fake_peer() {
    impl_->ioc.stop();
    impl_->thread.join();
}

unsigned short fake_peer::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string fake_peer::base_url() const {
    return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

void fake_peer::push(scripted_reply reply) {
    std::lock_guard lock(impl_->mutex);
    impl_->script.push_back(std::move(reply));
}

void fake_peer::set_handler(std::function<scripted_reply(const recorded_request&)> handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->handler = std::move(handler);
}

std::vector<recorded_request> fake_peer::requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->log;
}

std::size_t fake_peer::request_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->log.size();
}

int fake_peer::connections_accepted() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->accepted;
}

int fake_peer::max_concurrent_requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->max_in_flight;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace paperboy::test
