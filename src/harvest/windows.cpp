#include "paperboy/harvest/windows.hpp"

#include <date/tz.h>

#include "paperboy/core/time.hpp"

namespace paperboy::harvest {
namespace {

using namespace std::chrono;

const date::time_zone* eastern() {
    static const date::time_zone* zone = date::locate_zone("America/New_York");
    return zone;
}

// arXiv announces on Sunday to Thursday evenings.
bool announces(sys_days d) {
    const weekday wd{d};
    return wd != Friday && wd != Saturday;
}

sys_days previous_announcement(sys_days d) {
    do d -= days(1);
    while (!announces(d));
    return d;
}

// 14:00 US Eastern on day d, as UTC.
sys_seconds deadline(sys_days d) {
    return eastern()->to_sys(date::local_seconds{d.time_since_epoch()} + hours(14), date::choose::earliest);
}

// When the digest of `day` in `zone` is read: 06:00 there. choose::earliest: where 06:00 falls in a
// transition's gap or overlap, never throw (a gap gives the transition instant, an overlap its first
// occurrence).
sys_seconds reading_moment(sys_days day, const date::time_zone* zone) {
    return zone->to_sys(date::local_seconds{day.time_since_epoch()} + hours(6), date::choose::earliest);
}

// The latest announcement (ET date) made before the digest of `day` in `zone` is read.
sys_days announcement_for(sys_days day, const date::time_zone* zone) {
    const auto et = eastern()->to_local(reading_moment(day, zone));
    auto et_day = sys_days{floor<days>(et).time_since_epoch()};
    const auto time_of_day = et - floor<days>(et);
    sys_days a = time_of_day >= hours(20) ? et_day : et_day - days(1);
    while (!announces(a)) a -= days(1);
    return a;
}

// Submission window of the announcement made on the evening of `a`.
std::pair<sys_seconds, sys_seconds> submissions_of(sys_days a) {
    const weekday wd{a};
    if (wd == Sunday) return {deadline(a - days(3)), deadline(a - days(2))};  // Thu 14:00 → Fri 14:00
    if (wd == Monday) return {deadline(a - days(3)), deadline(a)};            // Fri 14:00 → Mon 14:00
    return {deadline(a - days(1)), deadline(a)};
}

}  // namespace

day_window window_for(sys_days day, int lookback_days, const std::string& time_zone) {
    const auto* zone = date::locate_zone(time_zone);
    day_window w;
    w.day = day;
    sys_days a = announcement_for(day, zone);
    for (int i = 0; i < lookback_days; ++i) {
        w.announcements.push_back(a);
        a = previous_announcement(a);
    }
    w.arxiv_to = submissions_of(w.announcements.front()).second;
    w.arxiv_from = submissions_of(w.announcements.back()).first;
    for (int i = 1; i <= lookback_days; ++i) w.hf_days.push_back(day - days(i));
    w.s2_from = floor<days>(w.arxiv_from);
    w.s2_to = day - days(1);
    if (announcement_for(day - days(1), zone) == w.announcements.front()) {
        w.quiet_reason = "arXiv made no announcement since the previous day's digest (it announces Sunday to "
                         "Thursday evenings, US Eastern; the last was on " +
                         core::format_ymd(w.announcements.front()) + ")";
    }
    return w;
}

sys_days today(const std::string& time_zone, system_clock::time_point now) {
    const auto local = date::locate_zone(time_zone)->to_local(now);
    return sys_days{floor<days>(local).time_since_epoch()};
}

sys_days latest_complete_day(const std::string& time_zone, system_clock::time_point now) {
    const sys_days d = today(time_zone, now);
    return now < reading_moment(d, date::locate_zone(time_zone)) ? d - days(1) : d;
}

}  // namespace paperboy::harvest
