#include "health.hpp"

#include <spdlog/spdlog.h>

namespace paperboy::app {
namespace {

using boost::asio::awaitable;

struct readiness {
    bool ready = false;
    int version = 0;
    std::string problem;
};

readiness check(store::store& s) {
    readiness r;
    try {
        s.ping();
        r.version = s.schema_version();
        r.ready = r.version == s.latest_schema_version();
        if (!r.ready) r.problem = "database schema is not up to date; run paperboy migrate";
    } catch (const std::exception& e) {
        spdlog::warn("readyz: database unreachable: {}", e.what());
        r.problem = "database unreachable";
    }
    return r;
}

awaitable<net::response> healthz(net::request&) { co_return net::response::json(200, R"({"status":"ok"})"); }

awaitable<net::response> readyz(store::database& db, const std::function<std::string()>& integrations) {
    auto state = co_await db.run(check);
    if (!state.ready) co_return net::response::error(503, state.problem);
    if (auto problem = integrations ? integrations() : std::string(); !problem.empty())
        co_return net::response::error(503, problem);
    co_return net::response::json(200, R"({"status":"ready","schema_version":)" + std::to_string(state.version) + "}");
}

awaitable<net::response> metrics_page(metrics::registry& metrics) {
    co_return net::response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace

void add_health_routes(net::router& routes, store::database& db, metrics::registry& metrics,
                       std::function<std::string()> integration_problem) {
    // Handlers are plain lambdas returning a coroutine that gets its state as arguments (GCC 12).
    routes.add("GET", "/healthz", healthz);
    routes.add("GET", "/readyz", [&db, problem = std::move(integration_problem)](net::request&) { return readyz(db, problem); });
    routes.add("GET", "/metrics", [&metrics](net::request&) { return metrics_page(metrics); });
}

}  // namespace paperboy::app
