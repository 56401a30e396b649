#include "paperboy/schedule/subscriptions.hpp"

#include <stdexcept>

#include "paperboy/core/time.hpp"
#include "paperboy/schedule/timing.hpp"

namespace paperboy::schedule {

using namespace std::chrono;

namespace {

std::int64_t to_ms(sys_seconds t) { return duration_cast<milliseconds>(t.time_since_epoch()).count(); }
sys_seconds from_ms(std::int64_t ms) { return floor<seconds>(sys_time<milliseconds>(milliseconds(ms))); }

}  // namespace

std::string problem_with(const store::subscription& s) {
    if (!parse_time_of_day(s.time)) return "time " + s.time + " is not a time of day (HH:MM, 00:00–23:59)";
    if (!known_zone(s.time_zone)) {
        std::string out = "time zone " + s.time_zone + " is not in the tz database";
        auto close = close_zones(s.time_zone);
        for (std::size_t i = 0; i < close.size(); ++i) out += (i == 0 ? " (did you mean " : ", ") + close[i];
        if (!close.empty()) out += "?)";
        return out;
    }
    if ((s.weekdays & every_day) == 0) return "weekdays must name at least one day";
    return {};
}

void plan_next(store::subscription& s, system_clock::time_point now) {
    if (auto problem = problem_with(s); !problem.empty()) throw std::runtime_error(problem);
    const auto fire = next_fire(s.time_zone, *parse_time_of_day(s.time), s.weekdays, floor<seconds>(now));
    s.next_run_at = to_ms(fire.at);
    s.next_local_date = core::format_ymd(fire.local_date);
}

bool same_timing(const store::subscription& a, const store::subscription& b) {
    return a.time == b.time && a.time_zone == b.time_zone && (a.weekdays & every_day) == (b.weekdays & every_day);
}

bool same_place(const store::subscription& a, const store::subscription& b) {
    return a.platform == b.platform && a.channel == b.channel &&
           (a.workspace == b.workspace || a.workspace.empty() || b.workspace.empty());
}

bool remove(store::store& st, const std::string& platform, const std::string& workspace, const std::string& channel) {
    auto current = st.load_subscription(platform, workspace, channel);
    return current && st.remove_subscription(current->platform, current->workspace, current->channel);
}

store::subscription save(store::store& st, store::subscription s, system_clock::time_point now) {
    auto current = st.load_subscription(s.platform, s.workspace, s.channel);
    if (current && current->workspace != s.workspace) {
        // The same channel, once with its workspace and once without: keep one row, with it.
        if (s.workspace.empty()) s.workspace = current->workspace;
        else st.remove_subscription(current->platform, current->workspace, current->channel);
    }
    if (current && same_timing(*current, s)) {
        s.next_run_at = current->next_run_at;
        s.next_local_date = current->next_local_date;
    } else {
        plan_next(s, now);
    }
    return st.save_subscription(s);
}

store::schedule_slot advance(const store::subscription& s, std::int64_t now_ms) {
    store::schedule_slot slot;
    const auto now = from_ms(now_ms);
    const auto tod = parse_time_of_day(s.time);
    if (!tod || !known_zone(s.time_zone) || (s.weekdays & every_day) == 0) {
        // Checked when it was saved; a tz database that lost the zone must not stop other schedules.
        slot.next_at = now_ms + duration_cast<milliseconds>(days(1)).count();
        slot.next_local_date = s.next_local_date;
        return slot;
    }
    auto run = last_fire_at_or_before(s.time_zone, *tod, s.weekdays, now);
    // Not before the fire it was due for (a subscription saved after today's time is not due today).
    if (run && to_ms(run->at) >= s.next_run_at) {
        slot.run_at = to_ms(run->at);
        slot.run_local_date = core::format_ymd(run->local_date);
    } else {
        slot.run_at = s.next_run_at;
        slot.run_local_date = s.next_local_date;
    }
    const auto next = next_fire(s.time_zone, *tod, s.weekdays, now);
    slot.next_at = to_ms(next.at);
    slot.next_local_date = core::format_ymd(next.local_date);
    return slot;
}

std::string describe_next_run(const store::subscription& s) {
    if (!known_zone(s.time_zone)) return "never (unknown time zone " + s.time_zone + ")";
    const auto at = from_ms(s.next_run_at);
    return format_local(s.time_zone, at) + " (" + format_local("UTC", at) + ")";
}

}  // namespace paperboy::schedule
