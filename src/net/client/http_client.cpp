#include "paperboy/net/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <map>
#include <mutex>
#include <random>

#include "connection.hpp"
#include "paperboy/async/semaphore.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::net {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using steady = std::chrono::steady_clock;
constexpr auto tuple_awaitable = asio::as_tuple(use_awaitable);
constexpr std::chrono::milliseconds idle_limit{30'000};  // servers commonly drop idle keep-alives after 60 s
constexpr std::chrono::milliseconds brief_idle{2'000};

namespace {

// Limits and pacing shared by every request to one upstream.
struct upstream_state {
    upstream_state(asio::any_io_executor ex, upstream_config c)
        : cfg(std::move(c)), slots(ex, static_cast<std::size_t>(cfg.max_connections)), gate(cfg.min_interval) {}
    upstream_config cfg;
    async::semaphore slots;  // max_connections requests in flight
    std::mutex gate_mutex;
    pacer gate;
};

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

transport_failure transport_of(const detail::exchange_outcome& out) {
    switch (out.failure) {
        case failure_class::tls: return transport_failure::tls;
        case failure_class::too_large: return transport_failure::too_large;
        case failure_class::cancelled:
            return out.request_sent ? transport_failure::cancelled_after_send : transport_failure::cancelled;
        case failure_class::client: return transport_failure::invalid_request;
        case failure_class::timeout:
            if (!out.connected) return transport_failure::connect;
            return out.request_sent ? transport_failure::timeout_after_send : transport_failure::timeout_before_send;
        default:
            if (!out.connected) return transport_failure::connect;
            return out.request_sent ? transport_failure::reset_after_send : transport_failure::reset_before_send;
    }
}

}  // namespace

transport_failure failure_of(const error& e) {
    return e.code > 0 && e.code <= static_cast<int>(transport_failure::cancelled_after_send) ? static_cast<transport_failure>(e.code)
                                                                                  : transport_failure::unspecified;
}

const char* to_string(transport_failure f) {
    switch (f) {
        case transport_failure::invalid_request: return "invalid request";
        case transport_failure::connect: return "cannot connect";
        case transport_failure::tls: return "TLS failure";
        case transport_failure::reset_before_send: return "connection lost while sending";
        case transport_failure::timeout_before_send: return "timeout while sending";
        case transport_failure::reset_after_send: return "connection lost after sending";
        case transport_failure::timeout_after_send: return "no answer in time";
        case transport_failure::too_large: return "response too large";
        case transport_failure::cancelled: return "cancelled";
        case transport_failure::cancelled_after_send: return "cancelled after sending";
        default: return "failure";
    }
}

bool may_have_arrived(transport_failure f) {
    return f == transport_failure::reset_after_send || f == transport_failure::timeout_after_send ||
           f == transport_failure::cancelled_after_send || f == transport_failure::too_large ||
           f == transport_failure::unspecified;
}

static http_client_config with_user_agent(http_client_config s) {
    if (s.user_agent.empty()) s.user_agent = std::string("paperboy/") + PAPERBOY_VERSION + " (LLM paper digests for team chat)";
    return s;
}

struct http_client::impl {
    impl(asio::any_io_executor ex, http_client_config s, std::map<std::string, upstream_config> u,
         metrics::registry& m, proxy_settings p)
        : executor(ex), settings(with_user_agent(std::move(s))), upstream_defaults(std::move(u)), metrics(m),
          proxy(std::move(p)), tls_ctx(asio::ssl::context::tls_client) {
        tls_ctx.set_default_verify_paths();
        if (!settings.ca_file.empty()) tls_ctx.load_verify_file(settings.ca_file);
        tls_ctx.set_verify_mode(asio::ssl::verify_peer);
    }

    asio::any_io_executor executor;
    http_client_config settings;
    std::map<std::string, upstream_config> upstream_defaults;
    metrics::registry& metrics;
    proxy_settings proxy;
    asio::ssl::context tls_ctx;

    // cancel_all(): sends in flight and their waits, so shutdown need not wait for slow upstreams.
    std::atomic<bool> stopping{false};
    std::mutex busy_mutex;
    std::vector<std::weak_ptr<detail::connection>> busy;
    std::vector<std::weak_ptr<asio::steady_timer>> waits;

    template <class T>
    void track(std::vector<std::weak_ptr<T>>& list, const std::shared_ptr<T>& item) {
        std::lock_guard lock(busy_mutex);
        std::erase_if(list, [](const std::weak_ptr<T>& w) { return w.expired(); });
        list.push_back(item);
    }

    std::mutex mutex;
    std::map<std::string, std::shared_ptr<upstream_state>> upstreams;
    std::map<std::string, std::vector<std::shared_ptr<detail::connection>>> idle;

    std::shared_ptr<upstream_state> upstream(const std::string& name) {
        std::lock_guard lock(mutex);
        auto& slot = upstreams[name];
        if (!slot) {
            auto it = upstream_defaults.find(name);
            upstream_config cfg = it != upstream_defaults.end() ? it->second : upstream_config{};
            slot = std::make_shared<upstream_state>(executor, cfg);
        }
        return slot;
    }

    std::shared_ptr<detail::connection> take_idle(const std::string& key, std::chrono::milliseconds max_idle) {
        std::lock_guard lock(mutex);
        auto& list = idle[key];
        while (!list.empty()) {
            auto c = std::move(list.back());
            list.pop_back();
            if (steady::now() - c->idle_since < max_idle) return c;
        }
        return nullptr;
    }

    void give_back(const std::string& key, std::shared_ptr<detail::connection> c, std::size_t max_idle) {
        c->idle_since = steady::now();
        std::lock_guard lock(mutex);
        auto& list = idle[key];
        if (list.size() < max_idle) list.push_back(std::move(c));
    }

    void count(const std::string& upstream, const std::string& outcome, double seconds) {
        metrics.add("paperboy_upstream_requests_total", {{"upstream", upstream}, {"outcome", outcome}});
        metrics.observe("paperboy_upstream_request_duration_seconds", {{"upstream", upstream}}, seconds);
    }
};

http_client::http_client(asio::any_io_executor executor, http_client_config settings,
                         std::map<std::string, upstream_config> upstreams, metrics::registry& metrics,
                         proxy_settings proxy)
    : impl_(std::make_shared<impl>(executor, std::move(settings), std::move(upstreams), metrics, std::move(proxy))) {
    metrics.describe_counter("paperboy_upstream_requests_total",
                             "Outbound HTTP attempts by upstream and outcome (status code or failure class).");
    metrics.describe_counter("paperboy_upstream_errors_total", "Outbound attempts that failed, by failure class.");
    metrics.describe_counter("paperboy_upstream_retries_total", "Outbound attempts that were retried.");
    metrics.describe_histogram("paperboy_upstream_request_duration_seconds", "Duration of one outbound attempt.",
                               metrics::registry::default_latency_buckets());
}

http_client::~http_client() = default;

void http_client::cancel_all() {
    auto self = impl_;
    self->stopping = true;
    std::lock_guard lock(self->busy_mutex);
    for (auto& w : self->busy)
        if (auto c = w.lock())
            asio::post(c->strand, [c] {
                if (c->established()) c->tcp().cancel();
            });
    for (auto& w : self->waits)
        if (auto t = w.lock()) asio::post(t->get_executor(), [w] {
                if (auto timer = w.lock()) timer->cancel();
            });
}

awaitable<result<std::shared_ptr<detail::connection>>> http_client::open(std::string url, std::string upstream) {
    auto self = impl_;
    auto parsed = detail::parse_target(url);
    if (!parsed) co_return error{parsed.err().message, static_cast<int>(transport_failure::invalid_request)};
    if (self->stopping) co_return error{upstream + ": cancelled (shutting down)", static_cast<int>(transport_failure::cancelled)};
    auto up = self->upstream(upstream.empty() ? parsed->host : upstream);
    detail::exchange_request x{*parsed, self->proxy.proxy_for(parsed->scheme, parsed->host), {}, self->settings.user_agent,
                               self->settings.max_response_bytes, steady::now() + up->cfg.timeout};
    auto c = std::make_shared<detail::connection>(self->executor);
    if (auto failure = co_await detail::establish(*c, self->tls_ctx, x))
        co_return error{failure->error, static_cast<int>(transport_failure::connect)};
    co_return c;
}

awaitable<result<client_response>> http_client::send(client_request req) {
    auto self = impl_;
    auto parsed = detail::parse_target(req.url);
    if (!parsed) co_return error{parsed.err().message, static_cast<int>(transport_failure::invalid_request)};
    const detail::target to = *parsed;
    const std::string name = req.upstream.empty() ? to.host : req.upstream;
    auto up = self->upstream(name);
    const std::string proxy = self->proxy.proxy_for(to.scheme, to.host);
    const std::string pool_key = to.scheme + "://" + to.authority() + "|" + proxy;
    retry_policy policy{req.max_retries.value_or(up->cfg.max_retries), self->settings.backoff_base,
                        self->settings.backoff_max, self->settings.retry_after_max};
    auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
    self->track(self->waits, timer);
    const auto cancelled = [&name] {
        return error{name + ": cancelled (shutting down)", static_cast<int>(transport_failure::cancelled)};
    };

    for (int attempt = 1;; ++attempt) {
        if (self->stopping) co_return cancelled();
        detail::exchange_outcome out;
        {
            auto slot = co_await up->slots.hold();
            if (self->stopping) co_return cancelled();
            steady::time_point start_at;
            {
                std::lock_guard lock(up->gate_mutex);
                start_at = up->gate.reserve(steady::now());
            }
            if (start_at > steady::now()) {
                timer->expires_at(start_at);
                co_await timer->async_wait(tuple_awaitable);
                if (self->stopping) co_return cancelled();
            }
            const auto started = steady::now();
            detail::exchange_request x{to, proxy, req, self->settings.user_agent, self->settings.max_response_bytes,
                                       started + up->cfg.timeout};
            // A pooled connection the server has closed fails before any byte arrives: that is not the
            // upstream's fault, so it is retried once on a fresh connection without using up an attempt.
            // A request that must not run twice is never repeated once written, and takes only a
            // connection that was idle briefly (servers do not close those yet).
            for (int fresh_try = 0; fresh_try < 2; ++fresh_try) {
                auto c = self->take_idle(pool_key, req.idempotent ? idle_limit : brief_idle);
                const bool reused = c != nullptr;
                if (!c) c = std::make_shared<detail::connection>(self->executor);
                self->track(self->busy, c);
                out = co_await asio::co_spawn(c->strand, detail::exchange(c, self->tls_ctx, x), use_awaitable);
                if (out.reusable) self->give_back(pool_key, c, static_cast<std::size_t>(up->cfg.max_connections));
                if (!(reused && out.nothing_received && (req.idempotent || !out.request_sent))) break;
            }
            const double seconds = std::chrono::duration<double>(steady::now() - started).count();
            self->count(name, out.response ? std::to_string(out.response->status) : to_string(out.failure), seconds);
        }

        std::optional<std::chrono::milliseconds> retry_after;
        auto failure = out.failure;
        if (out.response) {
            out.response->attempts = attempt;
            failure = classify_status(out.response->status);
            if (auto ra = out.response->header("Retry-After"))
                retry_after = parse_retry_after(*ra, std::chrono::system_clock::now());
        } else if (failure != failure_class::cancelled) {
            self->metrics.add("paperboy_upstream_errors_total", {{"upstream", name}, {"kind", to_string(failure)}});
        }
        // A call that must not run twice is retried only when the server surely did not act on it:
        // a failure before the request was sent, or an answer refusing it (429, 503).
        const bool safe_to_repeat = req.idempotent || !out.request_sent ||
                                    (out.response && (out.response->status == 429 || out.response->status == 503));
        auto delay = safe_to_repeat ? policy.delay(attempt, failure, retry_after, random01())
                                    : std::optional<std::chrono::milliseconds>{};
        if (!delay) {
            if (out.response) co_return std::move(*out.response);
            const auto kind = transport_of(out);
            co_return error{name + ": " + to_string(kind) + ": " + out.error + " (after " + std::to_string(attempt) +
                                " attempt" + (attempt == 1 ? "" : "s") + ")",
                            static_cast<int>(kind)};
        }
        self->metrics.add("paperboy_upstream_retries_total", {{"upstream", name}});
        spdlog::warn("{} {}: {} on attempt {}, retrying in {} ms", req.method, name,
                     out.response ? "HTTP " + std::to_string(out.response->status) : out.error, attempt,
                     delay->count());
        if (self->stopping) co_return cancelled();
        timer->expires_after(*delay);
        auto [wait_ec] = co_await timer->async_wait(tuple_awaitable);
        if (wait_ec) co_return error{name + ": cancelled while waiting to retry", static_cast<int>(transport_failure::cancelled)};
    }
}

}  // namespace paperboy::net
