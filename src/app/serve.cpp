#include <boost/asio/co_spawn.hpp>
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

namespace paperboy::app {

namespace asio = boost::asio;

int migrate_command(const config::config& cfg, const boost::program_options::variables_map&) {
    auto s = store::open_store(cfg.database.url);
    const int applied = s->migrate();
    std::cout << "database " << s->backend() << ": schema version " << s->schema_version() << " (" << applied
              << " migration" << (applied == 1 ? "" : "s") << " applied)\n";
    return 0;
}

int serve_command(const config::config& cfg, const boost::program_options::variables_map&) {
    metrics::registry metrics;
    store::database db(store::open_store(cfg.database.url), cfg.database.workers);
    if (int applied = db.direct().migrate(); applied > 0)
        spdlog::info("database: applied {} migration(s), schema version {}", applied, db.direct().schema_version());

    asio::io_context ioc(cfg.server.io_threads);
    net::router routes;
    add_health_routes(routes, db, metrics);
    add_archive_routes(routes, db, cfg);
    net::http_server server(ioc.get_executor(), cfg.server, std::move(routes), metrics);
    try {
        server.start();
    } catch (const boost::system::system_error& e) {
        spdlog::critical("cannot listen on {}:{}: {}", cfg.server.host, cfg.server.port, e.code().message());
        return 1;
    }
    const std::string host = cfg.server.host.find(':') != std::string::npos ? "[" + cfg.server.host + "]" : cfg.server.host;
    spdlog::info("paperboy {} listening on http://{}:{} ({} I/O threads, database {})", PAPERBOY_VERSION, host,
                 server.port(), cfg.server.io_threads, db.direct().backend());
    std::cout << "paperboy listening on http://" << host << ":" << server.port() << std::endl;

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        spdlog::info("received signal {}: draining (grace {} ms)", signal, cfg.server.shutdown_grace.count());
        asio::co_spawn(ioc, server.shutdown(), [&ioc](std::exception_ptr) {
            spdlog::info("shutdown complete");
            ioc.stop();
        });
    });

    std::vector<std::thread> threads;
    for (int i = 1; i < cfg.server.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    return 0;
}

}  // namespace paperboy::app
