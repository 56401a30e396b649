#pragma once
// Which papers belong to a digest day. A digest day D is a calendar day in the team's time zone;
// the digest is meant to be read on the morning of D, so it carries what the sources had published
// by 06:00 on D in that zone:
//   arXiv        the announcement(s) made before that moment. arXiv announces at 20:00 US Eastern,
//                Sunday to Thursday; an announcement carries the papers submitted between the 14:00
//                ET deadlines (Sunday's: Thursday 14:00 → Friday 14:00, Monday's: Friday 14:00 →
//                Monday 14:00, otherwise the previous day 14:00 → that day 14:00). With lookback_days
//                = n the n latest announcements are covered.
//   Hugging Face the Daily Papers listing days D-1 … D-n.
//   Semantic     publication dates from the first arXiv day of the window to D-1.
//   Scholar
// Holidays are not modelled: an arXiv holiday shows up as an empty window.
#include <chrono>
#include <string>
#include <vector>

namespace paperboy::harvest {

struct day_window {
    std::chrono::sys_days day;
    std::chrono::sys_seconds arxiv_from;  // submission window, [from, to)
    std::chrono::sys_seconds arxiv_to;
    std::vector<std::chrono::sys_days> announcements;  // ET dates of the announcements, newest first
    std::vector<std::chrono::sys_days> hf_days;         // newest first
    std::chrono::sys_days s2_from;
    std::chrono::sys_days s2_to;
    // Set when arXiv made no announcement since the previous day's digest (weekends): why this day
    // may have nothing new.
    std::string quiet_reason;
};

// Throws std::runtime_error for an unknown time zone (config validation catches it earlier).
day_window window_for(std::chrono::sys_days day, int lookback_days, const std::string& time_zone);

// The date in `time_zone` at `now`.
std::chrono::sys_days today(const std::string& time_zone, std::chrono::system_clock::time_point now);

// The newest digest day whose reading moment (06:00 in `time_zone`) is not after `now`: the
// latest day that can be built complete at `now`.
std::chrono::sys_days latest_complete_day(const std::string& time_zone, std::chrono::system_clock::time_point now);

}  // namespace paperboy::harvest
