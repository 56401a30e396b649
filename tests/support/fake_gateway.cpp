#include "fake_gateway.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace paperboy::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;
using json = nlohmann::json;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

// One client connection; everything runs on the fake's single thread.
struct connection : std::enable_shared_from_this<connection> {
    explicit connection(tcp::socket s) : stream(std::move(s)) {}
    ws::stream<beast::tcp_stream> stream;
    std::deque<std::string> queue;
    bool writing = false, closed = false, live = false;

    void send(json frame) {
        queue.push_back(frame.dump());
        if (writing) return;
        writing = true;
        asio::co_spawn(stream.get_executor(), drain(shared_from_this()), asio::detached);
    }
    static asio::awaitable<void> drain(std::shared_ptr<connection> self) {
        while (!self->queue.empty() && !self->closed) {
            auto text = std::move(self->queue.front());
            self->queue.pop_front();
            self->stream.text(true);
            auto [ec, n] = co_await self->stream.async_write(asio::buffer(text), tuple_awaitable);
            if (ec) self->closed = true;
        }
        self->writing = false;
    }
};

}  // namespace

struct fake_gateway::impl {
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::thread thread;
    int interval_ms = 250;

    mutable std::mutex mutex;  // guards what tests read
    std::vector<json> received;
    std::vector<json> events;  // dispatches with their "s", for replays
    long long seq = 0;
    std::string session_id = "fake-session-1";
    int sessions = 1, connections = 0, identifies = 0, resumes = 0, heartbeats = 0, refuse_code = 0;
    bool acks = true;
    std::shared_ptr<connection> current;

    template <class F>
    void on_thread(F f) {
        std::promise<void> done;
        asio::post(ioc, [&] {
            f();
            done.set_value();
        });
        done.get_future().wait();
    }

    void make_live(const std::shared_ptr<connection>& c) {
        if (current && current != c) current->live = false;
        current = c;
        c->live = true;
    }

    asio::awaitable<void> serve(std::shared_ptr<connection> c) {
        auto [aec] = co_await c->stream.async_accept(tuple_awaitable);
        if (aec) co_return;
        {
            std::lock_guard lock(mutex);
            ++connections;
        }
        c->send({{"op", 10}, {"d", {{"heartbeat_interval", interval_ms}}}, {"s", nullptr}, {"t", nullptr}});
        beast::flat_buffer buffer;
        for (;;) {
            buffer.consume(buffer.size());
            auto [ec, n] = co_await c->stream.async_read(buffer, tuple_awaitable);
            if (ec) break;
            auto frame = json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
            if (!frame.is_object()) continue;
            const int op = frame.value("op", -1);
            std::unique_lock lock(mutex);
            received.push_back(frame);
            if (op == 1) {
                ++heartbeats;
                if (acks) c->send({{"op", 11}});
            } else if (op == 2) {
                if (refuse_code) {
                    const int code = std::exchange(refuse_code, 0);
                    lock.unlock();
                    co_await c->stream.async_close(ws::close_reason(static_cast<std::uint16_t>(code)), tuple_awaitable);
                    break;
                }
                ++identifies;
                session_id = "fake-session-" + std::to_string(++sessions);
                events.clear();
                seq = 1;
                make_live(c);
                c->send({{"op", 0},
                         {"s", seq},
                         {"t", "READY"},
                         {"d",
                          {{"v", 10},
                           {"session_id", session_id},
                           {"resume_gateway_url", "ws://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port())},
                           {"user", {{"id", "900000000000000001"}, {"username", "paperboy"}, {"bot", true}}},
                           {"guilds", json::array()}}}});
            } else if (op == 6) {
                const auto& d = frame["d"];
                if (d.value("session_id", "") != session_id || d.value("seq", -1LL) > seq) {
                    c->send({{"op", 9}, {"d", false}});
                    continue;
                }
                ++resumes;
                const long long from = d.value("seq", 0LL);
                for (const auto& e : events)
                    if (e["s"].get<long long>() > from) c->send(e);
                ++seq;
                c->send({{"op", 0}, {"s", seq}, {"t", "RESUMED"}, {"d", nullptr}});
                make_live(c);
            }
        }
        c->closed = true;
        std::lock_guard lock(mutex);
        c->live = false;
        if (current == c) current.reset();
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(tuple_awaitable);
            if (ec) co_return;
            asio::co_spawn(ioc, serve(std::make_shared<connection>(std::move(socket))), asio::detached);
        }
    }
};

fake_gateway::fake_gateway(int heartbeat_interval_ms) : impl_(std::make_shared<impl>()) {
    impl_->interval_ms = heartbeat_interval_ms;
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    impl_->thread = std::thread([i = impl_] { i->ioc.run(); });
}

fake_gateway::~fake_gateway() {
    impl_->ioc.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

std::string fake_gateway::url() const { return "ws://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()); }

bool fake_gateway::dispatch(const std::string& type, json data) {
    bool sent = false;
    impl_->on_thread([&] {
        std::lock_guard lock(impl_->mutex);
        json frame{{"op", 0}, {"s", ++impl_->seq}, {"t", type}, {"d", std::move(data)}};
        impl_->events.push_back(frame);
        if (impl_->current && impl_->current->live) {
            impl_->current->send(frame);
            sent = true;
        }
    });
    return sent;
}

void fake_gateway::drop() {
    impl_->on_thread([this] {
        std::lock_guard lock(impl_->mutex);
        if (!impl_->current) return;
        impl_->current->live = false;
        beast::get_lowest_layer(impl_->current->stream).socket().close();
    });
}

void fake_gateway::close(int code) {
    impl_->on_thread([this, code] {
        std::lock_guard lock(impl_->mutex);
        if (!impl_->current) return;
        auto c = impl_->current;
        c->live = false;
        asio::co_spawn(impl_->ioc, [](std::shared_ptr<connection> c, int code) -> asio::awaitable<void> {
            co_await c->stream.async_close(ws::close_reason(static_cast<std::uint16_t>(code)), tuple_awaitable);
        }(c, code), asio::detached);
    });
}

void fake_gateway::request_reconnect() {
    impl_->on_thread([this] {
        std::lock_guard lock(impl_->mutex);
        if (impl_->current) impl_->current->send({{"op", 7}, {"d", nullptr}});
    });
}

void fake_gateway::invalidate(bool resumable) {
    impl_->on_thread([this, resumable] {
        std::lock_guard lock(impl_->mutex);
        if (!resumable) impl_->session_id = "forgotten";
        if (impl_->current) impl_->current->send({{"op", 9}, {"d", resumable}});
    });
}

void fake_gateway::set_acks(bool on) {
    std::lock_guard lock(impl_->mutex);
    impl_->acks = on;
}

void fake_gateway::refuse_identify(int code) {
    std::lock_guard lock(impl_->mutex);
    impl_->refuse_code = code;
}

int fake_gateway::connections() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->connections;
}
int fake_gateway::identifies() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->identifies;
}
int fake_gateway::resumes() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->resumes;
}
int fake_gateway::heartbeats() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->heartbeats;
}
bool fake_gateway::live() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->current && impl_->current->live;
}
std::vector<json> fake_gateway::received() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->received;
}

}  // namespace paperboy::test
