#include "paperboy/core/time.hpp"

#include <cstdio>

namespace paperboy::core {
namespace {

using namespace std::chrono;

// Reads exactly `width` ASCII digits at `pos`; advances `pos` on success.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t width) {
    if (pos + width > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += width;
    return value;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

// Parses "YYYY-MM-DD" at `pos`, validating the calendar date.
std::optional<sys_days> date_at(std::string_view s, std::size_t& pos) {
    auto y = digits(s, pos, 4);
    if (!y || !expect(s, pos, '-')) return std::nullopt;
    auto m = digits(s, pos, 2);
    if (!m || !expect(s, pos, '-')) return std::nullopt;
    auto d = digits(s, pos, 2);
    if (!d) return std::nullopt;
    year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

}  // namespace

std::optional<sys_days> parse_ymd(std::string_view text) {
    std::size_t pos = 0;
    auto day = date_at(text, pos);
    if (!day || pos != text.size()) return std::nullopt;
    return day;
}

std::optional<sys_seconds> parse_rfc3339(std::string_view text) {
    std::size_t pos = 0;
    auto day = date_at(text, pos);
    if (!day || pos >= text.size()) return std::nullopt;
    if (char sep = text[pos]; sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
    ++pos;
    auto hh = digits(text, pos, 2);
    if (!hh || !expect(text, pos, ':')) return std::nullopt;
    auto mm = digits(text, pos, 2);
    if (!mm || !expect(text, pos, ':')) return std::nullopt;
    auto ss = digits(text, pos, 2);
    // 60 is a leap second; it lands on the next minute, which is close enough for us.
    if (!ss || *hh > 23 || *mm > 59 || *ss > 60) return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
        std::size_t start = ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
    }
    if (pos >= text.size()) return std::nullopt;  // RFC 3339 requires an offset
    seconds offset{0};
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        auto oh = digits(text, pos, 2);
        if (!oh || !expect(text, pos, ':')) return std::nullopt;
        auto om = digits(text, pos, 2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset = sign * (hours{*oh} + minutes{*om});
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    // Local time minus its offset from UTC gives UTC.
    return sys_seconds{*day} + hours{*hh} + minutes{*mm} + seconds{*ss} - offset;
}

std::string format_ymd(sys_days day) {
    year_month_day ymd{day};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string format_rfc3339(sys_seconds time) {
    auto day = floor<days>(time);
    hh_mm_ss hms{time - day};
    char buf[48];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return format_ymd(day) + buf;
}

}  // namespace paperboy::core
