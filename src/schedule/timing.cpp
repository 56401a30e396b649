#include "paperboy/schedule/timing.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "paperboy/core/text.hpp"

namespace paperboy::schedule {

using namespace std::chrono;

namespace {

constexpr std::array<std::string_view, 7> day_names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::optional<unsigned> day_index(std::string_view name) {
    for (unsigned i = 0; i < day_names.size(); ++i)
        if (day_names[i] == name) return i;
    return std::nullopt;
}

bool allowed(weekday_set on, sys_days local_date) { return (on >> weekday{local_date}.c_encoding()) & 1U; }

sys_days local_date_of(const date::time_zone* zone, sys_seconds at) {
    return sys_days{floor<days>(zone->to_local(at)).time_since_epoch()};
}

// The instant the wall clock in `zone` shows `tod` on `d`, if that day exists there and its time
// can be found (gap: the end of the gap; overlap: the first occurrence).
std::optional<sys_seconds> instant_on(const date::time_zone* zone, sys_days d, minutes tod) {
    const auto s = zone->to_sys(date::local_seconds{d.time_since_epoch()} + tod, date::choose::earliest);
    // A day that did not happen in this zone (Pacific/Apia skipped 2011-12-30) has no run: the gap's
    // end lies on the next day, which has its own.
    if (local_date_of(zone, s) != d) return std::nullopt;
    return s;
}

const date::time_zone* zone_or_throw(const std::string& zone) { return date::locate_zone(zone); }

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string_view last_part(std::string_view name) {
    const auto slash = name.rfind('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

}  // namespace

std::optional<minutes> parse_time_of_day(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) return std::nullopt;
    int hour = 0, minute = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == colon) continue;
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        (i < colon ? hour : minute) = (i < colon ? hour : minute) * 10 + (text[i] - '0');
    }
    if (hour > 23 || minute > 59) return std::nullopt;
    return hours(hour) + minutes(minute);
}

std::string format_time_of_day(minutes tod) {
    const auto h = tod.count() / 60, m = tod.count() % 60;
    std::string out;
    out += static_cast<char>('0' + h / 10);
    out += static_cast<char>('0' + h % 10);
    out += ':';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

std::optional<weekday_set> parse_weekdays(std::string_view text) {
    const std::string lower = core::ascii_lower(text);
    if (lower == "weekdays") return monday_to_friday;
    if (lower == "daily" || lower == "every_day" || lower == "everyday") return every_day;
    weekday_set set = 0;
    std::string_view rest = lower;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (comma != std::string_view::npos && rest.empty()) return std::nullopt;  // "mon,"
        const auto dash = item.find('-');
        const auto first = day_index(item.substr(0, dash));
        const auto last = dash == std::string_view::npos ? first : day_index(item.substr(dash + 1));
        if (!first || !last) return std::nullopt;
        // "fri-mon" wraps over the weekend.
        for (unsigned d = *first;; d = (d + 1) % 7) {
            set |= 1U << d;
            if (d == *last) break;
        }
    }
    if (set == 0) return std::nullopt;
    return set;
}

std::string format_weekdays(weekday_set days) {
    if ((days & every_day) == every_day) return "daily";
    if ((days & every_day) == monday_to_friday) return "mon-fri";
    std::string out;
    // Monday first, as people write weeks.
    for (unsigned i = 1; i <= 7; ++i)
        if (days & (1U << (i % 7))) out += (out.empty() ? "" : ",") + std::string(day_names[i % 7]);
    return out;
}

bool known_zone(const std::string& zone) {
    try {
        zone_or_throw(zone);
        return true;
    } catch (const std::runtime_error&) {
        return false;
    }
}

std::vector<std::string> close_zones(std::string_view typed, std::size_t limit) {
    const std::string want = core::ascii_lower(typed);
    const std::string_view want_city = last_part(want);
    const std::size_t allowed_distance = want.size() >= 5 ? 2 : want.size() >= 3 ? 1 : 0;
    std::vector<std::pair<std::size_t, std::string>> scored;
    auto consider = [&](const std::string& name) {
        if (name.starts_with("posix/") || name.starts_with("right/")) return;
        const std::string lower = core::ascii_lower(name);
        const std::size_t d = std::min(edit_distance(want, lower), edit_distance(want_city, last_part(lower)) +
                                                                       (want_city.size() == want.size() ? 0 : 1));
        if (d <= allowed_distance) scored.emplace_back(d, name);
    };
    // Debian's tz library reads the compiled zoneinfo files: aliases (Asia/Calcutta) are zones too.
    for (const auto& z : date::get_tzdb().zones) consider(z.name());
    std::sort(scored.begin(), scored.end());
    scored.erase(std::unique(scored.begin(), scored.end(),
                             [](const auto& a, const auto& b) { return a.second == b.second; }),
                 scored.end());
    std::vector<std::string> out;
    for (auto& [d, name] : scored) {
        if (out.size() == limit) break;
        out.push_back(std::move(name));
    }
    return out;
}

fire_time next_fire(const std::string& zone_name, minutes tod, weekday_set on, sys_seconds after) {
    if ((on & every_day) == 0) throw std::runtime_error("a schedule needs at least one weekday");
    const auto* zone = zone_or_throw(zone_name);
    const sys_days start = local_date_of(zone, after);
    for (int i = 0; i <= 8; ++i) {
        const sys_days d = start + days(i);
        if (!allowed(on, d)) continue;
        if (auto s = instant_on(zone, d, tod); s && *s > after) return {*s, d};
    }
    throw std::logic_error("next_fire: no fire within 8 days");
}

std::optional<fire_time> last_fire_at_or_before(const std::string& zone_name, minutes tod, weekday_set on,
                                                sys_seconds at) {
    const auto* zone = zone_or_throw(zone_name);
    const sys_days start = local_date_of(zone, at);
    for (int i = 0; i <= 8; ++i) {
        const sys_days d = start - days(i);
        if (!allowed(on, d)) continue;
        if (auto s = instant_on(zone, d, tod); s && *s <= at) return fire_time{*s, d};
    }
    return std::nullopt;
}

std::string format_local(const std::string& zone, sys_seconds at) {
    return date::format("%F %R %Z", date::make_zoned(zone_or_throw(zone), at));
}

}  // namespace paperboy::schedule
