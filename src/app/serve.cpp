#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "archive.hpp"
#include "health.hpp"
#include "paperboy/net/server.hpp"
#include "paperboy/store/database.hpp"
#include "paperboy/app/services.hpp"

namespace paperboy::app {

namespace asio = boost::asio;

int migrate_command(const config::config& cfg, const boost::program_options::variables_map&) {
    auto s = store::open_store(cfg.database.url);
    const int applied = s->migrate();
    std::cout << "database " << s->backend() << ": schema version " << s->schema_version() << " (" << applied
              << " migration" << (applied == 1 ? "" : "s") << " applied)\n";
    return 0;
}

namespace {

// An io_context whose remaining work can be destroyed before the objects that work refers to.
class app_context : public asio::io_context {
public:
    using asio::io_context::io_context;
    // Destroys every handler and coroutine frame still queued or suspended on this context.
    void abandon() { shutdown(); }
};

// Shutdown in stages: (1) stop accepting; (2) let requests, background jobs and deliveries in
// flight finish within the grace period; (3) cancel what is left (every outbound request ends at
// once, so jobs finish with what they have: a digest with extractive stand-ins is stored and healed
// later), stop the delivery worker and hand back the rows it still holds (they become `unknown`
// and are looked for on the platform before anyone sends them again).
asio::awaitable<void> drain(net::http_server& server, services& s, std::chrono::milliseconds grace) {
    asio::steady_timer tick(co_await asio::this_coro::executor);
    auto wait_while = [&](auto busy, std::chrono::steady_clock::time_point deadline) -> asio::awaitable<bool> {
        while (busy() && std::chrono::steady_clock::now() < deadline) {
            tick.expires_after(std::chrono::milliseconds(20));
            co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        co_return !busy();
    };
    auto jobs = [&s] { return s.chat_jobs_in_flight() > 0 || s.worker.in_flight() > 0 || s.scheduler.in_flight() > 0; };
    auto worker_busy = [&s] { return s.worker.running() || s.worker.in_flight() > 0; };
    auto scheduler_busy = [&s] { return s.scheduler.running() || s.scheduler.in_flight() > 0; };
    const auto deadline = std::chrono::steady_clock::now() + grace;
    co_await server.shutdown();
    if (s.discord_gateway) s.discord_gateway->stop();  // no new messages; those being answered finish
    if (s.slack_socket) s.slack_socket->stop();        // envelopes being handled are acknowledged first
    s.scheduler.stop();  // no new runs; those in flight finish (and enqueue their posts) or are cancelled below
    if (!co_await wait_while(jobs, deadline)) {
        spdlog::warn("shutdown: {} job(s) and {} delivery(ies) unfinished after the grace period; cancelling them",
                     s.chat_jobs_in_flight(), s.worker.in_flight());
        s.http.cancel_all();
        co_await wait_while(jobs, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    }
    if (!co_await wait_while(scheduler_busy, std::chrono::steady_clock::now() + std::chrono::seconds(5))) {
        s.http.cancel_all();
        co_await wait_while(scheduler_busy, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    }
    if (int released = co_await s.scheduler.release(); released > 0)
        spdlog::info("shutdown: handed back {} scheduled run(s)", released);
    // The worker's loop ends after its current claim; rows it claimed while stopping go back unsent.
    s.worker.stop();
    if (!co_await wait_while(worker_busy, std::chrono::steady_clock::now() + std::chrono::seconds(5))) {
        s.http.cancel_all();
        co_await wait_while(worker_busy, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    }
    if (int released = co_await s.worker.release(); released > 0)
        spdlog::info("shutdown: handed back {} claimed outbox row(s)", released);
}

}  // namespace

int serve_command(const config::config& cfg, const boost::program_options::variables_map&) {
    metrics::registry metrics;
    app_context ioc(1);  // application work; the HTTP server runs its own io_threads
    services s(cfg, ioc, metrics);

    net::router routes;
    add_health_routes(routes, s.db, metrics, [&s] { return s.integration_problem(); });
    add_archive_routes(routes, s.db, cfg);
    if (s.slack_http) s.slack_http->add_routes(routes);
    else spdlog::info("slack: SLACK_SIGNING_SECRET is not set; /slack/* routes are off");
    if (s.slack_socket) {
        if (!cfg.secret.slack_bot_token)
            spdlog::warn("slack: SLACK_APP_TOKEN without SLACK_BOT_TOKEN: commands are answered only to the person "
                         "asking, nothing can be posted in channels");
        asio::co_spawn(ioc, s.slack_socket->run(), [](std::exception_ptr e) {
            if (e) spdlog::critical("slack: the Socket Mode client stopped unexpectedly");
        });
    }
    if (s.discord) s.discord->add_routes(routes);
    if (!cfg.secret.discord_public_key) spdlog::info("discord: DISCORD_PUBLIC_KEY is not set; /discord/interactions is off");
    if (s.discord_gateway)
        asio::co_spawn(ioc, s.discord_gateway->run(), [](std::exception_ptr e) {
            if (e) spdlog::critical("discord: the Gateway client stopped unexpectedly");
        });
    asio::co_spawn(ioc, s.worker.run(), [](std::exception_ptr e) {
        if (e) spdlog::critical("delivery worker stopped unexpectedly");
    });
    auto schedules = [](schedule::scheduler& scheduler) -> asio::awaitable<void> {
        try {
            const int n = co_await scheduler.sync_configured();
            spdlog::info("schedule: {} subscription(s) from the configuration (the web archive included)", n);
        } catch (const std::exception& e) {
            spdlog::error("schedule: could not store the configured subscriptions: {}", e.what());
        }
        co_await scheduler.run();
    };
    asio::co_spawn(ioc, schedules(s.scheduler), [](std::exception_ptr e) {
        if (e) spdlog::critical("scheduler stopped unexpectedly");
    });
    net::http_server server(cfg.server, std::move(routes), metrics);
    try {
        server.start();
    } catch (const boost::system::system_error& e) {
        spdlog::critical("cannot listen on {}:{}: {}", cfg.server.host, cfg.server.port, e.code().message());
        return 1;
    }
    const std::string host = cfg.server.host.find(':') != std::string::npos ? "[" + cfg.server.host + "]" : cfg.server.host;
    spdlog::info("paperboy {} listening on http://{}:{} ({} I/O threads, database {}, summarizer {})", PAPERBOY_VERSION,
                 host, server.port(), cfg.server.io_threads, s.db.direct().backend(), s.llm->id());
    std::cout << "paperboy listening on http://" << host << ":" << server.port() << std::endl;

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        spdlog::info("received signal {}: draining (grace {} ms)", signal, cfg.server.shutdown_grace.count());
        asio::co_spawn(ioc, drain(server, s, cfg.server.shutdown_grace), [&ioc](std::exception_ptr) {
            spdlog::info("shutdown complete");
            ioc.stop();
        });
    });

    ioc.run();
    // Last stage: store calls in flight finish (their continuations queue on ioc), then every
    // coroutine still suspended on ioc is destroyed while the objects it refers to (semaphores,
    // the store, the HTTP client) are still alive; only then are those destroyed.
    s.db.finish();
    ioc.abandon();
    return 0;
}

}  // namespace paperboy::app
