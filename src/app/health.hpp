#pragma once
// GET /healthz, /readyz and /metrics.
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/router.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::app {
void add_health_routes(net::router& routes, store::database& db, metrics::registry& metrics);
}  // namespace paperboy::app
