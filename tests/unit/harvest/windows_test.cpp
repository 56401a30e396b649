#include "paperboy/harvest/windows.hpp"

#include <boost/test/unit_test.hpp>

#include "paperboy/core/time.hpp"

using namespace paperboy;
using namespace std::chrono;
using harvest::window_for;

namespace {
sys_days ymd(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }
std::string at(sys_seconds t) { return core::format_rfc3339(t); }
}  // namespace

BOOST_AUTO_TEST_SUITE(day_windows)

BOOST_AUTO_TEST_CASE(tuesday_in_utc_carries_mondays_announcement) {
    // Tue 2026-12-01 06:00 UTC = Tue 01:00 EST: the latest announcement was Monday 20:00 EST,
    // which carried Friday 14:00 → Monday 14:00 EST submissions.
    auto w = window_for(ymd(2026, 12, 1), 1, "UTC");
    BOOST_TEST(core::format_ymd(w.announcements.at(0)) == "2026-11-30");
    BOOST_TEST(at(w.arxiv_from) == "2026-11-27T19:00:00Z");
    BOOST_TEST(at(w.arxiv_to) == "2026-11-30T19:00:00Z");
    BOOST_TEST(w.hf_days.size() == 1u);
    BOOST_TEST(core::format_ymd(w.hf_days[0]) == "2026-11-30");
    BOOST_TEST(core::format_ymd(w.s2_from) == "2026-11-27");
    BOOST_TEST(core::format_ymd(w.s2_to) == "2026-11-30");
    BOOST_TEST(w.quiet_reason.empty());
}

BOOST_AUTO_TEST_CASE(sunday_announcement_carries_thursday_to_friday) {
    auto w = window_for(ymd(2026, 11, 30), 1, "UTC");  // Monday morning
    BOOST_TEST(core::format_ymd(w.announcements.at(0)) == "2026-11-29");
    BOOST_TEST(at(w.arxiv_from) == "2026-11-26T19:00:00Z");
    BOOST_TEST(at(w.arxiv_to) == "2026-11-27T19:00:00Z");
}

BOOST_AUTO_TEST_CASE(weekend_digests_have_nothing_new_and_say_why) {
    auto saturday = window_for(ymd(2026, 11, 28), 1, "UTC");
    BOOST_TEST(core::format_ymd(saturday.announcements.at(0)) == "2026-11-26");  // Thursday's
    BOOST_TEST(!saturday.quiet_reason.empty());
    BOOST_TEST(saturday.quiet_reason.find("2026-11-26") != std::string::npos);
    auto friday = window_for(ymd(2026, 11, 27), 1, "UTC");
    BOOST_TEST(friday.quiet_reason.empty());  // Friday morning has Thursday's fresh announcement
    BOOST_TEST((friday.arxiv_from == saturday.arxiv_from));
}

BOOST_AUTO_TEST_CASE(tokyo_mornings_read_the_previous_us_evening) {
    // Tue 2026-12-01 06:00 JST = Mon 16:00 EST: Monday's announcement has not happened yet.
    auto w = window_for(ymd(2026, 12, 1), 1, "Asia/Tokyo");
    BOOST_TEST(core::format_ymd(w.announcements.at(0)) == "2026-11-29");
}

BOOST_AUTO_TEST_CASE(lookback_spans_several_announcements) {
    auto w = window_for(ymd(2026, 12, 3), 3, "UTC");  // Thursday; announcements Wed, Tue, Mon
    BOOST_REQUIRE_EQUAL(w.announcements.size(), 3u);
    BOOST_TEST(core::format_ymd(w.announcements[2]) == "2026-11-30");
    BOOST_TEST(at(w.arxiv_from) == "2026-11-27T19:00:00Z");
    BOOST_TEST(at(w.arxiv_to) == "2026-12-02T19:00:00Z");
    BOOST_TEST(w.hf_days.size() == 3u);
}

BOOST_AUTO_TEST_CASE(daylight_saving_moves_the_deadline) {
    auto summer = window_for(ymd(2026, 7, 15), 1, "UTC");  // Wednesday, EDT
    BOOST_TEST(at(summer.arxiv_to) == "2026-07-14T18:00:00Z");
}

BOOST_AUTO_TEST_CASE(unknown_zones_throw) { BOOST_CHECK_THROW(window_for(ymd(2026, 1, 1), 1, "Nowhere/City"), std::exception); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(day_windows_time_zones)

BOOST_AUTO_TEST_CASE(a_zone_whose_transition_skips_the_reading_time_does_not_throw) {
    // Samoa skipped 2011-12-30 entirely (UTC-10 → UTC+14): 06:00 that day never happened there;
    // Casey (Antarctica) jumped over 06:00 local on 2018-10-07.
    auto w = window_for(ymd(2011, 12, 30), 1, "Pacific/Apia");
    BOOST_TEST(!w.announcements.empty());
    BOOST_CHECK_NO_THROW(window_for(ymd(2018, 10, 7), 2, "Antarctica/Casey"));
}

BOOST_AUTO_TEST_CASE(today_is_the_date_in_the_zone_at_the_given_instant) {
    const auto instant = sys_days{year{2026} / 12 / 1} + hours(20);  // 20:00 UTC = 05:00 next day in Tokyo
    BOOST_TEST(core::format_ymd(harvest::today("UTC", instant)) == "2026-12-01");
    BOOST_TEST(core::format_ymd(harvest::today("Asia/Tokyo", instant)) == "2026-12-02");
    BOOST_TEST(core::format_ymd(harvest::today("America/Los_Angeles", instant)) == "2026-12-01");
}

BOOST_AUTO_TEST_CASE(the_latest_complete_day_is_the_last_one_whose_06_00_has_passed) {
    using paperboy::harvest::latest_complete_day;
    const auto at = [](const char* t) {
        return std::chrono::system_clock::time_point(paperboy::core::parse_rfc3339(t).value());
    };
    BOOST_TEST(paperboy::core::format_ymd(latest_complete_day("UTC", at("2026-12-03T06:00:00Z"))) == "2026-12-03");
    BOOST_TEST(paperboy::core::format_ymd(latest_complete_day("UTC", at("2026-12-03T05:59:59Z"))) == "2026-12-02");
    // 08:00 in Tokyo is 23:00 UTC the day before: that UTC day is complete.
    BOOST_TEST(paperboy::core::format_ymd(latest_complete_day("UTC", at("2026-12-06T23:00:00Z"))) == "2026-12-06");
    BOOST_TEST(paperboy::core::format_ymd(latest_complete_day("Asia/Tokyo", at("2026-12-06T20:00:00Z"))) == "2026-12-06");
}

BOOST_AUTO_TEST_SUITE_END()
