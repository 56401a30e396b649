#include "paperboy/core/text.hpp"
#include "paperboy/net/client.hpp"

#include <sstream>

namespace paperboy::net {
namespace {

std::string first_of(const environment& env, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        auto it = env.find(n);
        if (it != env.end() && !it->second.empty()) return it->second;
    }
    return {};
}

}  // namespace

proxy_settings proxy_settings::from_environment(const environment& env) {
    return {first_of(env, {"http_proxy", "HTTP_PROXY"}), first_of(env, {"https_proxy", "HTTPS_PROXY"}),
            first_of(env, {"no_proxy", "NO_PROXY"})};
}

std::string proxy_settings::proxy_for(std::string_view scheme, std::string_view host) const {
    const std::string& proxy = scheme == "https" ? https_proxy : http_proxy;
    if (proxy.empty()) return {};
    const std::string h = core::ascii_lower(host);
    std::stringstream ss(no_proxy);
    for (std::string entry; std::getline(ss, entry, ',');) {
        entry = core::ascii_lower(core::collapse_whitespace(entry));
        if (entry.empty()) continue;
        if (entry == "*") return {};
        if (auto colon = entry.find(':'); colon != std::string::npos && entry.find(':', colon + 1) == std::string::npos)
            entry = entry.substr(0, colon);  // "host:port" entries: match the host
        if (entry.front() == '.') entry.erase(0, 1);
        if (h == entry || (h.size() > entry.size() && h.ends_with("." + entry))) return {};
    }
    return proxy;
}

}  // namespace paperboy::net
