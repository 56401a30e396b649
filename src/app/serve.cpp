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
#include "paperboy/chat/slack/adapter.hpp"
#include "paperboy/store/database.hpp"
#include "services.hpp"

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

// The Slack side, present when SLACK_SIGNING_SECRET is set.
struct slack_side {
    slack_side(services& s, asio::io_context& ioc)
        : bot(s.digests, s.db, s.cfg),
          out(s.http, s.db, s.metrics, s.cfg.upstream("slack").base_url,
              s.cfg.secret.slack_bot_token ? std::optional<std::string>(s.cfg.secret.slack_bot_token->reveal())
                                           : std::nullopt,
              s.cfg.slack.response_hosts),
          adapter(ioc.get_executor(),
                  {s.cfg.secret.slack_signing_secret->reveal(),
                   s.cfg.slack.layout == "compact" ? render::slack_layout::compact : render::slack_layout::full},
                  bot, out, s.db, s.metrics) {}
    bot::service bot;
    chat::slack::delivery out;
    chat::slack::adapter adapter;
};

// Stops accepting, lets requests and background chat work finish within the grace period.
asio::awaitable<void> drain(net::http_server& server, slack_side* slack, std::chrono::milliseconds grace) {
    const auto deadline = std::chrono::steady_clock::now() + grace;
    co_await server.shutdown();
    asio::steady_timer tick(co_await asio::this_coro::executor);
    while (slack && slack->adapter.jobs_in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
        tick.expires_after(std::chrono::milliseconds(20));
        co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (slack && slack->adapter.jobs_in_flight() > 0)
        spdlog::warn("shutdown: {} Slack job(s) unfinished; their outbox items are re-sent at the next start",
                     slack->adapter.jobs_in_flight());
}

asio::awaitable<void> redeliver(chat::slack::delivery& out) {
    if (int sent = co_await out.redeliver_pending(); sent > 0) spdlog::info("slack: re-sent {} pending post(s)", sent);
}

}  // namespace

int serve_command(const config::config& cfg, const boost::program_options::variables_map&) {
    metrics::registry metrics;
    asio::io_context ioc(1);  // application work; the HTTP server runs its own io_threads
    services s(cfg, ioc, metrics);

    net::router routes;
    add_health_routes(routes, s.db, metrics);
    add_archive_routes(routes, s.db, cfg);
    std::unique_ptr<slack_side> slack;
    if (cfg.secret.slack_signing_secret) {
        slack = std::make_unique<slack_side>(s, ioc);
        slack->adapter.add_routes(routes);
        asio::co_spawn(ioc, redeliver(slack->out), asio::detached);
    } else {
        spdlog::info("slack: SLACK_SIGNING_SECRET is not set; /slack/* routes are off");
    }
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
        asio::co_spawn(ioc, drain(server, slack.get(), cfg.server.shutdown_grace), [&ioc](std::exception_ptr) {
            spdlog::info("shutdown complete");
            ioc.stop();
        });
    });

    ioc.run();
    return 0;
}

}  // namespace paperboy::app
