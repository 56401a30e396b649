#pragma once
// Pure parsing and formatting of the timestamps the sources send (RFC 3339, ISO dates).
// No time zone database: offsets are applied arithmetically and results are UTC.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace paperboy::core {

// "2022-02-24T15:05:19Z", "2016-10-09T00:00:00-04:00", "2026-05-30T00:00:00.000Z".
// Accepts 'T', 't' or ' ' between date and time, 'Z'/'z' or a "+HH:MM"/"-HH:MM" offset, and
// drops fractional seconds. Returns nothing for anything else, including impossible dates.
std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

// "2026-06-12" exactly; nothing for anything else.
std::optional<std::chrono::sys_days> parse_ymd(std::string_view text);

// "2026-06-12".
std::string format_ymd(std::chrono::sys_days day);

// "2026-06-12T09:30:00Z".
std::string format_rfc3339(std::chrono::sys_seconds time);

}  // namespace paperboy::core
