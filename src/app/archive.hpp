#pragma once
// The web archive: GET / (list of digests), /digests/YYYY-MM-DD (HTML; .md and .json suffixes give
// Markdown and JSON), /feed.atom. It serves digests that were built; it never builds one itself, so
// a crawler cannot run up LLM costs. ?profile=NAME&lang=LANG pick another stored digest of the day.
#include "paperboy/config/config.hpp"
#include "paperboy/net/router.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::app {
void add_archive_routes(net::router& routes, store::database& db, const config::config& cfg);
}  // namespace paperboy::app
