#include "paperboy/chat/discord/rate_limits.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <vector>

namespace paperboy::chat::discord {
namespace {

using std::chrono::milliseconds;

bool is_snowflake(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        if (path.front() == '/') path.remove_prefix(1);
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return out;
}

std::optional<double> number(std::string_view s) {
    try {
        std::size_t used = 0;
        const double v = std::stod(std::string(s), &used);
        if (used == 0 || !std::isfinite(v) || v < 0) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

milliseconds seconds_to_ms(double s) { return milliseconds(static_cast<long long>(std::ceil(s * 1000.0))); }

// The route with its major parameter replaced too: what Discord's bucket ids are shared across.
std::string template_of(const std::string& route) {
    std::string out;
    std::string_view rest = route;
    const auto space = rest.find(' ');
    out = std::string(rest.substr(0, space + 1));
    const auto parts = segments(rest.substr(space + 1));
    for (std::size_t i = 0; i < parts.size(); ++i) out += "/" + std::string(is_snowflake(parts[i]) ? ":id" : parts[i]);
    return out;
}

// The major parameter of a route ("/channels/123/..." → "123"), else empty.
std::string major_of(const std::string& route) {
    const auto parts = segments(std::string_view(route).substr(route.find(' ') + 1));
    if (parts.size() >= 2 && (parts[0] == "channels" || parts[0] == "guilds" || parts[0] == "webhooks"))
        return std::string(parts[1]);
    return {};
}

}  // namespace

std::string route_of(std::string_view method, std::string_view path) {
    path = path.substr(0, path.find('?'));
    const auto parts = segments(path);
    std::string out(method);
    out += ' ';
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool major = i == 1 && (parts[0] == "channels" || parts[0] == "guilds" || parts[0] == "webhooks");
        // A webhook's token (the segment after its id) is a secret: never part of a key or a log line.
        const bool token = i == 2 && parts[0] == "webhooks";
        std::string_view p = parts[i];
        out += "/";
        out += major ? std::string(p) : token ? std::string(":token") : is_snowflake(p) ? std::string(":id") : std::string(p);
    }
    return out;
}

std::string rate_limits::state_key(const std::string& route) const {
    auto b = bucket_of_.find(template_of(route));
    return b == bucket_of_.end() ? route : b->second + ":" + major_of(route);
}

milliseconds rate_limits::wait(const std::string& route, time_point now) const {
    milliseconds out{0};
    if (global_until_ > now) out = std::chrono::ceil<milliseconds>(global_until_ - now);
    auto s = buckets_.find(state_key(route));
    if (s != buckets_.end() && s->second.remaining <= 0 && s->second.reset_at > now)
        out = std::max(out, std::chrono::ceil<milliseconds>(s->second.reset_at - now));
    return out;
}

bool rate_limits::paused(const std::string& route, time_point now) const {
    auto r = refused_.find(route);
    return r != refused_.end() && r->second.first >= storm_limit && r->second.second > now;
}

std::optional<milliseconds> rate_limits::update(const std::string& route, unsigned status, const net::headers& headers,
                                                std::string_view body, time_point now) {
    if (auto bucket = net::find_header(headers, "X-RateLimit-Bucket"); bucket && !bucket->empty())
        bucket_of_[template_of(route)] = std::string(*bucket);
    auto& state = buckets_[state_key(route)];
    if (auto remaining = net::find_header(headers, "X-RateLimit-Remaining")) {
        int r = 1;
        const auto [p, ec] = std::from_chars(remaining->data(), remaining->data() + remaining->size(), r);
        if (ec == std::errc{}) state.remaining = r;
    }
    if (auto after = net::find_header(headers, "X-RateLimit-Reset-After"))
        if (auto s = number(*after)) state.reset_at = now + seconds_to_ms(*s);

    auto& refused = refused_[route];
    if (status == 401 || status == 403) {
        refused.first = refused.first >= storm_limit ? 1 : refused.first + 1;
        if (refused.first >= storm_limit) refused.second = now + storm_pause;
    } else if (status < 400) {
        refused = {0, time_point{}};
    }
    if (status != 429) return std::nullopt;

    std::optional<milliseconds> retry;
    bool global = false;
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_object()) {
        if (auto ra = doc.find("retry_after"); ra != doc.end() && ra->is_number() && ra->get<double>() >= 0)
            retry = seconds_to_ms(ra->get<double>());
        global = doc.value("global", false);
    }
    if (auto g = net::find_header(headers, "X-RateLimit-Global"); g && *g == "true") global = true;
    if (!retry)
        if (auto h = net::find_header(headers, "Retry-After"))
            if (auto s = number(*h)) retry = seconds_to_ms(*s);
    if (!retry) retry = milliseconds(1000);
    if (global) global_until_ = now + *retry;
    else {
        state.remaining = 0;
        state.reset_at = std::max(state.reset_at, now + *retry);
    }
    return retry;
}

}  // namespace paperboy::chat::discord
