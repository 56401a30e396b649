#pragma once
// When a scheduled digest fires: a local time of day on some weekdays in an IANA time zone, turned
// into instants with Howard Hinnant's date/tz (../shared/docs/external-apis.md section k). Pure
// functions; the tz database is read once per process.
//
// Rules: the next fire is the first instant strictly after `after` at which the zone's wall clock
// shows the time on an allowed weekday (of the local date). A time that does not exist on a
// spring-forward day fires at the end of the gap (the first valid instant); a time that happens
// twice fires at its first occurrence, once.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paperboy::schedule {

// Allowed weekdays as bits, bit 0 = Sunday … bit 6 = Saturday (C's tm_wday).
using weekday_set = unsigned;
inline constexpr weekday_set monday_to_friday = 0b0111110;
inline constexpr weekday_set every_day = 0b1111111;

// "HH:MM" (1–2 digit hour, 00:00–23:59) → minutes after midnight.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);
std::string format_time_of_day(std::chrono::minutes tod);

// "mon-fri" (also "weekdays"), "daily" (also "every_day", "mon-sun"), a list "mon,wed,fri", ranges
// "sat-sun"; case-insensitive. nullopt when malformed or empty.
std::optional<weekday_set> parse_weekdays(std::string_view text);
// The canonical form: "mon-fri", "daily", else a list such as "mon,wed,fri".
std::string format_weekdays(weekday_set days);

// Whether the tz database knows `zone` (also aliases such as "Asia/Calcutta").
bool known_zone(const std::string& zone);
// Up to `limit` zone names close to an unknown one, best first ("Asia/Tokio" → "Asia/Tokyo",
// "tokyo" → "Asia/Tokyo"); empty when nothing is close.
std::vector<std::string> close_zones(std::string_view typed, std::size_t limit = 3);

struct fire_time {
    std::chrono::sys_seconds at;           // the instant
    std::chrono::sys_days local_date;      // the date it is in the zone then
};

// The first fire strictly after `after`. Throws std::runtime_error for an unknown zone or an empty
// weekday set.
fire_time next_fire(const std::string& zone, std::chrono::minutes tod, weekday_set days,
                    std::chrono::sys_seconds after);
// The latest fire at or before `at`, looking back at most 8 days; nullopt when there is none.
std::optional<fire_time> last_fire_at_or_before(const std::string& zone, std::chrono::minutes tod, weekday_set days,
                                                std::chrono::sys_seconds at);

// "2026-12-03 08:00 JST" for people: the instant in the zone with its abbreviation.
std::string format_local(const std::string& zone, std::chrono::sys_seconds at);

}  // namespace paperboy::schedule
