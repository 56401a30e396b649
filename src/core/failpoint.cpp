#include "paperboy/core/failpoint.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

namespace paperboy::core {

void failpoint(std::string_view name) {
    static const std::string armed = [] {
        const char* v = std::getenv("PAPERBOY_FAILPOINTS");
        return v ? "," + std::string(v) + "," : std::string();
    }();
    if (armed.empty()) return;
    if (armed.find("," + std::string(name) + ",") != std::string::npos) std::raise(SIGKILL);
}

}  // namespace paperboy::core
