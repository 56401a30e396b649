#include "paperboy/net/retry.hpp"

#include <date/date.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace paperboy::net {

failure_class classify_status(unsigned status) {
    if (status == 429) return failure_class::rate_limited;
    if (status >= 500) return failure_class::server;
    if (status >= 400) return failure_class::client;
    return failure_class::none;
}

bool is_retryable(failure_class f) {
    return f == failure_class::network || f == failure_class::timeout || f == failure_class::rate_limited ||
           f == failure_class::server;
}

const char* to_string(failure_class f) {
    switch (f) {
        case failure_class::none: return "none";
        case failure_class::network: return "network";
        case failure_class::timeout: return "timeout";
        case failure_class::tls: return "tls";
        case failure_class::too_large: return "too_large";
        case failure_class::rate_limited: return "rate_limited";
        case failure_class::server: return "server";
        case failure_class::client: return "client";
        case failure_class::cancelled: return "cancelled";
    }
    return "unknown";
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (std::isdigit(static_cast<unsigned char>(value.front()))) {
        std::string s(value);
        std::size_t used = 0;
        double seconds = 0;
        try {
            seconds = std::stod(s, &used);
        } catch (const std::exception&) {
            return std::nullopt;
        }
        if (used != s.size() || !std::isfinite(seconds) || seconds < 0 || seconds > 1e7) return std::nullopt;
        return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
    }
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    std::istringstream in{std::string(value)};
    date::sys_seconds when;
    in >> date::parse("%a, %d %b %Y %H:%M:%S GMT", when);
    if (in.fail()) return std::nullopt;
    auto delta = std::chrono::duration_cast<std::chrono::milliseconds>(when - now);
    return std::max(delta, std::chrono::milliseconds(0));
}

std::optional<std::chrono::milliseconds> retry_policy::delay(int retry, failure_class f,
                                                             std::optional<std::chrono::milliseconds> retry_after,
                                                             double random01) const {
    if (!is_retryable(f) || retry > max_retries || retry < 1) return std::nullopt;
    if (retry_after) {
        if (*retry_after > retry_after_max) return std::nullopt;
        return *retry_after;
    }
    const double ceiling =
        std::min(static_cast<double>(cap.count()), static_cast<double>(base.count()) * std::pow(2.0, retry - 1));
    return std::chrono::milliseconds(static_cast<long long>(ceiling * std::clamp(random01, 0.0, 1.0)));
}

pacer::time_point pacer::reserve(time_point now) {
    time_point start = next_ && *next_ > now ? *next_ : now;
    next_ = start + interval_;
    return start;
}

}  // namespace paperboy::net
