#pragma once
#include "paperboy/config/config.hpp"

namespace paperboy::app {
// Logs go to stderr, as text or one JSON object per line (log.format). Secrets are never logged:
// nothing here or elsewhere formats config::secret.
void setup_logging(const config::log_config& cfg);
}  // namespace paperboy::app
