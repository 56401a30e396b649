#pragma once
// GET /healthz, /readyz and /metrics.
#include <functional>
#include <string>

#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/router.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::app {
// `integration_problem`: why an integration is down for good (Discord's Gateway refused the
// token), empty when all is well; /readyz is 503 with it.
void add_health_routes(net::router& routes, store::database& db, metrics::registry& metrics,
                       std::function<std::string()> integration_problem = {});
}  // namespace paperboy::app
