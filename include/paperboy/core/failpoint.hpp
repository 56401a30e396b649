#pragma once
// Crash points for the tests that kill the process at the worst moment ("exactly once" claims):
// failpoint("outbox.after_send") kills the process with SIGKILL when PAPERBOY_FAILPOINTS (a
// comma-separated list, read once) names it. Unset in production: one string lookup.
#include <string_view>

namespace paperboy::core {

void failpoint(std::string_view name);

}  // namespace paperboy::core
