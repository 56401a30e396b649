#include "paperboy/net/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <map>
#include <optional>
#include <mutex>
#include <thread>

#include "paperboy/metrics/registry.hpp"

namespace paperboy::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(use_awaitable);

namespace {

struct connection {
    explicit connection(tcp::socket s) : stream(std::move(s)) {}
    beast::tcp_stream stream;
    std::atomic<bool> busy{false};  // a request is being read, handled or answered
};

http::response<http::string_body> to_beast(response res, unsigned version, bool keep_alive) {
    http::response<http::string_body> out{static_cast<http::status>(res.status), version};
    out.set(http::field::server, "paperboy");
    out.set(http::field::content_type, res.content_type);
    for (const auto& h : res.headers) out.insert(h.name, h.value);
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
}

request from_beast(http::request<http::string_body>&& in, const std::string& remote) {
    request r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = r.target.substr(q + 1);
    for (const auto& f : in) r.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    r.body = std::move(in.body());
    r.remote_address = remote;
    return r;
}

}  // namespace

// One I/O thread with its own single-threaded io_context: a connection lives on one worker, so
// it needs no strand and no cross-thread wake-ups (nginx's worker model, inside one process).
struct worker {
    asio::io_context ioc{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard = asio::make_work_guard(ioc);
    std::thread thread;
};

struct http_server::impl : std::enable_shared_from_this<impl> {
    impl(server_config c, router r, metrics::registry& m)
        : cfg(std::move(c)), routes(std::move(r)), metrics(m), workers(make_workers(cfg.io_threads)),
          acceptor(std::in_place, workers.front()->ioc) {}

    static std::vector<std::unique_ptr<worker>> make_workers(int n) {
        std::vector<std::unique_ptr<worker>> out;
        for (int i = 0; i < std::max(1, n); ++i) out.push_back(std::make_unique<worker>());
        return out;
    }
    // Connections are dealt to the workers in turn.
    asio::any_io_executor next_worker() { return workers[next_worker_index++ % workers.size()]->ioc.get_executor(); }

    server_config cfg;
    router routes;
    metrics::registry& metrics;
    std::vector<std::unique_ptr<worker>> workers;
    std::size_t next_worker_index = 0;  // used by the accept loop only (worker 0's thread)
    std::optional<tcp::acceptor> acceptor;  // on worker 0; reset before the workers go
    unsigned short bound_port = 0;

    std::mutex mutex;
    std::map<std::uint64_t, std::weak_ptr<connection>> open;
    std::uint64_t next_id = 0;
    std::atomic<std::size_t> count{0};
    std::atomic<bool> draining{false};

    awaitable<void> accept_loop();
    awaitable<void> session(std::shared_ptr<connection> c);
    awaitable<response> dispatch(request& req);
    awaitable<void> write_and_close(std::shared_ptr<connection> c, const response& res, unsigned version);
    void close_connections(bool idle_only);
    void record(const request& req, const std::string& route, unsigned status, double seconds);
};

awaitable<void> http_server::impl::accept_loop() {
    auto self = shared_from_this();
    for (;;) {
        auto [ec, socket] = co_await acceptor->async_accept(next_worker(), tuple_awaitable);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
            spdlog::warn("accept failed: {}", ec.message());
            // Out of descriptors and similar: back off briefly instead of spinning.
            asio::steady_timer pause(acceptor->get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(tuple_awaitable);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto c = std::make_shared<connection>(std::move(socket));
        if (count.load() >= static_cast<std::size_t>(cfg.max_connections)) {
            metrics.add("paperboy_http_rejected_connections_total", {});
            asio::co_spawn(c->stream.get_executor(), write_and_close(c, response::error(503, "server busy"), 11),
                           asio::detached);
            continue;
        }
        std::uint64_t id;
        {
            std::lock_guard lock(mutex);
            id = next_id++;
            open[id] = c;
        }
        ++count;
        auto done = [self, id](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    spdlog::error("connection failed: {}", ex.what());
                }
            }
            std::lock_guard lock(self->mutex);
            self->open.erase(id);
            --self->count;
        };
        asio::co_spawn(c->stream.get_executor(), session(c), done);
    }
}

awaitable<response> http_server::impl::dispatch(request& req) {
    auto m = routes.find(req);
    req.route = m.pattern;
    if (!m.target) {
        if (m.status == 405) {
            auto res = response::error(405, "method not allowed");
            res.headers.push_back({"Allow", m.allow});
            co_return res;
        }
        co_return response::error(404, "not found");
    }
    try {
        co_return co_await (*m.target)(req);
    } catch (const std::exception& e) {
        spdlog::error("{} {}: handler failed: {}", req.method, req.path, e.what());
    }
    co_return response::error(500, "internal error");
}

namespace {

// Methods outside the standard set share one label, so a client cannot create series at will.
std::string method_label(const std::string& method) {
    static constexpr std::string_view known[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    for (auto k : known)
        if (method == k) return method;
    return "other";
}

}  // namespace

void http_server::impl::record(const request& req, const std::string& route, unsigned status, double seconds) {
    const std::string label = route.empty() ? "unmatched" : route;
    const std::string code = std::to_string(status);
    metrics.add("paperboy_http_requests_total", {{"route", label}, {"method", method_label(req.method)}, {"status", code}});
    metrics.observe("paperboy_http_request_duration_seconds", {{"route", label}}, seconds);
    spdlog::info("{} {} {} {:.2f}ms route={} remote={}", req.method, req.path, status, seconds * 1000, label,
                 req.remote_address);
}

// Writes a final response, then closes gently: stop sending, and discard what the peer still sends
// for a moment, so it reads our answer instead of a reset (an oversized upload is still in flight).
awaitable<void> http_server::impl::write_and_close(std::shared_ptr<connection> c, const response& res,
                                                   unsigned version) {
    auto msg = to_beast(res, version, false);
    c->stream.expires_after(std::chrono::seconds(5));
    auto [wec, wn] = co_await http::async_write(c->stream, msg, tuple_awaitable);
    if (wec) co_return;
    beast::error_code ec;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::array<char, 16 * 1024> sink{};
    std::size_t discarded = 0;
    c->stream.expires_after(std::chrono::seconds(1));
    while (discarded < 16 * 1024 * 1024) {
        auto [rec, n] = co_await c->stream.async_read_some(asio::buffer(sink), tuple_awaitable);
        if (rec) break;
        discarded += n;
    }
    c->stream.close();
}

awaitable<void> http_server::impl::session(std::shared_ptr<connection> c) {
    beast::error_code ec;
    const auto ep = c->stream.socket().remote_endpoint(ec);
    const std::string remote = ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
    beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
        if (!first) {
            // Idle keep-alive: wait for the next request's first byte, then give it the full deadline.
            if (buffer.size() == 0) {
                c->stream.expires_after(cfg.keep_alive_timeout);
                auto [rec, n] = co_await c->stream.async_read_some(buffer.prepare(4096), tuple_awaitable);
                if (rec) break;
                buffer.commit(n);
            }
        }
        c->busy = true;
        first = false;
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
        parser.body_limit(cfg.max_body_bytes);
        c->stream.expires_after(cfg.request_timeout);
        auto [rec, n] = co_await http::async_read(c->stream, buffer, parser, tuple_awaitable);
        const auto start = std::chrono::steady_clock::now();
        if (rec) {
            request failed;
            failed.method = parser.is_header_done() ? std::string(parser.get().method_string()) : "-";
            failed.path = parser.is_header_done() ? std::string(parser.get().target()) : "-";
            failed.remote_address = remote;
            unsigned status = 0;
            if (rec == http::error::body_limit) status = 413;
            else if (rec == http::error::header_limit) status = 431;
            else if (rec != beast::error::timeout && rec != http::error::end_of_stream && rec != asio::error::eof &&
                     rec != asio::error::operation_aborted && rec != asio::error::connection_reset &&
                     rec != http::error::partial_message)
                status = 400;
            if (status == 0) break;  // the peer went away or was too slow: nothing to answer
            auto res = status == 413   ? response::error(413, "request body too large")
                       : status == 431 ? response::error(431, "request headers too large")
                                       : response::error(400, "malformed HTTP request");
            record(failed, "", status, 0);
            co_await write_and_close(c, res, 11);
            co_return;
        }
        auto beast_req = parser.release();
        const unsigned version = beast_req.version();
        const bool wants_keep_alive = beast_req.keep_alive();
        request req = from_beast(std::move(beast_req), remote);
        response res = co_await dispatch(req);
        const bool keep_alive = wants_keep_alive && !draining.load();
        const unsigned status = res.status;
        auto msg = to_beast(std::move(res), version, keep_alive);
        // The request_timeout armed before the read also bounds handling and writing: one timer a request.
        auto [wec, wn] = co_await http::async_write(c->stream, msg, tuple_awaitable);
        record(req, req.route, status,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        c->busy = false;
        if (wec || !keep_alive) break;
    }
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c->stream.close();
}

void http_server::impl::close_connections(bool idle_only) {
    std::lock_guard lock(mutex);
    for (auto& [id, weak] : open) {
        if (auto c = weak.lock()) {
            asio::post(c->stream.get_executor(), [c, idle_only] {
                if (!idle_only || !c->busy.load()) c->stream.close();
            });
        }
    }
}

http_server::http_server(server_config cfg, router routes, metrics::registry& metrics)
    : impl_(std::make_shared<impl>(std::move(cfg), std::move(routes), metrics)) {
    metrics.describe_counter("paperboy_http_requests_total", "HTTP requests served, by route, method and status.");
    metrics.describe_histogram("paperboy_http_request_duration_seconds", "Time to handle and answer a request.",
                               metrics::registry::default_latency_buckets());
    metrics.describe_counter("paperboy_http_rejected_connections_total",
                             "Connections refused with 503 because max_connections were open.");
}

http_server::~http_server() {
    for (auto& w : impl_->workers) {
        w->guard.reset();
        w->ioc.stop();
    }
    for (auto& w : impl_->workers)
        if (w->thread.joinable()) w->thread.join();
    // Coroutines left on the workers hold the impl: destroying the contexts frees them (and the cycle).
    impl_->acceptor.reset();
    impl_->workers.clear();
}

void http_server::start() {
    auto& a = *impl_->acceptor;
    tcp::endpoint ep(asio::ip::make_address(impl_->cfg.host), impl_->cfg.port);
    a.open(ep.protocol());
    a.set_option(asio::socket_base::reuse_address(true));
    a.bind(ep);
    a.listen(asio::socket_base::max_listen_connections);
    impl_->bound_port = a.local_endpoint().port();
    auto self = impl_;
    asio::co_spawn(impl_->acceptor->get_executor(), impl_->accept_loop(), [self](std::exception_ptr e) {
        if (e) spdlog::critical("accept loop ended unexpectedly");
    });
    for (auto& w : impl_->workers) w->thread = std::thread([&ioc = w->ioc] { ioc.run(); });
}

unsigned short http_server::port() const { return impl_->bound_port; }

std::size_t http_server::connections() const { return impl_->count.load(); }

awaitable<void> http_server::shutdown() {
    auto self = impl_;
    self->draining = true;
    asio::post(self->acceptor->get_executor(), [self] {
        beast::error_code ec;
        self->acceptor->close(ec);
    });
    const auto deadline = std::chrono::steady_clock::now() + self->cfg.shutdown_grace;
    asio::steady_timer tick(co_await asio::this_coro::executor);
    while (self->count.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        self->close_connections(/*idle_only=*/true);
        tick.expires_after(std::chrono::milliseconds(10));
        co_await tick.async_wait(tuple_awaitable);
    }
    if (self->count.load() > 0) {
        spdlog::warn("shutdown: closing {} connection(s) still busy after the grace period", self->count.load());
        self->close_connections(/*idle_only=*/false);
        while (self->count.load() > 0) {
            tick.expires_after(std::chrono::milliseconds(10));
            co_await tick.async_wait(tuple_awaitable);
        }
    }
    // Nothing is left on the workers but the accept loop's end: let their threads finish.
    for (auto& w : self->workers) w->guard.reset();
}

}  // namespace paperboy::net
