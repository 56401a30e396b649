#pragma once
#include "paperboy/config/config.hpp"

namespace paperboy::config {
// Parses "host:port" ("[::1]:8080" for IPv6) into server.host/port; throws config_error naming `path`.
void parse_listen(const std::string& text, server_config& server, const std::string& path);
}  // namespace paperboy::config
