// Fire times across DST changes, weekday rules and zone suggestions (../shared/docs/external-apis.md k.3).
#include <boost/test/unit_test.hpp>

#include "paperboy/core/time.hpp"
#include "paperboy/schedule/timing.hpp"

using namespace paperboy::schedule;
using namespace std::chrono;

namespace {

sys_seconds utc(const char* rfc3339) {
    auto t = paperboy::core::parse_rfc3339(rfc3339);
    BOOST_REQUIRE_MESSAGE(t, rfc3339);
    return *t;
}

std::string fire(const std::string& zone, const char* hhmm, weekday_set days, const char* after) {
    const auto f = next_fire(zone, *parse_time_of_day(hhmm), days, utc(after));
    return paperboy::core::format_rfc3339(f.at) + " " + paperboy::core::format_ymd(f.local_date);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fire_times)

BOOST_AUTO_TEST_CASE(tokyo_has_no_dst_and_0800_is_2300_utc_the_day_before) {
    BOOST_TEST(fire("Asia/Tokyo", "08:00", every_day, "2026-03-28T23:30:00Z") == "2026-03-29T23:00:00Z 2026-03-30");
    BOOST_TEST(fire("Asia/Tokyo", "08:00", every_day, "2026-03-28T22:59:59Z") == "2026-03-28T23:00:00Z 2026-03-29");
}

BOOST_AUTO_TEST_CASE(berlin_morning_follows_summer_time) {
    // 2026-03-29: 02:00 CET → 03:00 CEST. 08:00 that day is 06:00Z; the day before 07:00Z.
    BOOST_TEST(fire("Europe/Berlin", "08:00", every_day, "2026-03-28T00:00:00Z") == "2026-03-28T07:00:00Z 2026-03-28");
    BOOST_TEST(fire("Europe/Berlin", "08:00", every_day, "2026-03-28T12:00:00Z") == "2026-03-29T06:00:00Z 2026-03-29");
    // Back to CET on 2026-10-25.
    BOOST_TEST(fire("Europe/Berlin", "08:00", every_day, "2026-10-24T12:00:00Z") == "2026-10-25T07:00:00Z 2026-10-25");
}

BOOST_AUTO_TEST_CASE(a_time_in_the_spring_gap_fires_at_the_end_of_the_gap) {
    // 02:30 does not exist in Berlin on 2026-03-29: it fires at 03:00 CEST = 01:00Z, once.
    BOOST_TEST(fire("Europe/Berlin", "02:30", every_day, "2026-03-28T12:00:00Z") == "2026-03-29T01:00:00Z 2026-03-29");
    BOOST_TEST(fire("Europe/Berlin", "02:30", every_day, "2026-03-29T01:00:00Z") == "2026-03-30T00:30:00Z 2026-03-30");
    // New York springs forward at 02:00 on 2026-03-08.
    BOOST_TEST(fire("America/New_York", "02:15", every_day, "2026-03-07T12:00:00Z") ==
               "2026-03-08T07:00:00Z 2026-03-08");
}

BOOST_AUTO_TEST_CASE(a_time_that_happens_twice_fires_once) {
    // Berlin repeats 02:00–02:59 on 2026-10-25: the first 02:30 (CEST, 00:30Z), then the next day.
    BOOST_TEST(fire("Europe/Berlin", "02:30", every_day, "2026-10-24T12:00:00Z") == "2026-10-25T00:30:00Z 2026-10-25");
    BOOST_TEST(fire("Europe/Berlin", "02:30", every_day, "2026-10-25T00:30:00Z") == "2026-10-26T01:30:00Z 2026-10-26");
    // New York repeats 01:00–01:59 on 2026-11-01.
    BOOST_TEST(fire("America/New_York", "01:30", every_day, "2026-10-31T12:00:00Z") ==
               "2026-11-01T05:30:00Z 2026-11-01");
    BOOST_TEST(fire("America/New_York", "01:30", every_day, "2026-11-01T05:30:00Z") ==
               "2026-11-02T06:30:00Z 2026-11-02");
}

BOOST_AUTO_TEST_CASE(sydney_changes_the_other_way_round) {
    // Sydney: AEDT (+11) ends 2026-04-05 03:00 → 02:00 AEST (+10); AEST → AEDT on 2026-10-04 02:00 → 03:00.
    BOOST_TEST(fire("Australia/Sydney", "08:00", every_day, "2026-04-03T12:00:00Z") == "2026-04-03T21:00:00Z 2026-04-04");
    BOOST_TEST(fire("Australia/Sydney", "08:00", every_day, "2026-04-03T21:00:00Z") == "2026-04-04T22:00:00Z 2026-04-05");
    BOOST_TEST(fire("Australia/Sydney", "08:00", every_day, "2026-04-04T22:00:00Z") == "2026-04-05T22:00:00Z 2026-04-06");
    BOOST_TEST(fire("Australia/Sydney", "02:30", every_day, "2026-10-03T12:00:00Z") == "2026-10-03T16:00:00Z 2026-10-04");
}

BOOST_AUTO_TEST_CASE(weekdays_skip_the_weekend_in_local_dates) {
    // 2026-12-04 is a Friday. After Friday's 08:00 Tokyo, the next Monday–Friday run is Monday 12-07.
    BOOST_TEST(fire("Asia/Tokyo", "08:00", monday_to_friday, "2026-12-03T23:00:00Z") == "2026-12-06T23:00:00Z 2026-12-07");
    // The local date decides, not UTC's: Monday 08:00 JST is Sunday in UTC.
    BOOST_TEST(fire("Asia/Tokyo", "08:00", monday_to_friday, "2026-12-05T00:00:00Z") == "2026-12-06T23:00:00Z 2026-12-07");
    BOOST_TEST(fire("UTC", "08:00", *parse_weekdays("sat,sun"), "2026-12-02T00:00:00Z") == "2026-12-05T08:00:00Z 2026-12-05");
}

BOOST_AUTO_TEST_CASE(the_last_fire_at_or_before_an_instant) {
    const auto tod = *parse_time_of_day("08:00");
    auto last = last_fire_at_or_before("Asia/Tokyo", tod, monday_to_friday, utc("2026-12-07T01:00:00Z"));  // Mon 10:00 JST
    BOOST_REQUIRE(last);
    BOOST_TEST(paperboy::core::format_rfc3339(last->at) == "2026-12-06T23:00:00Z");
    // Exactly at the fire counts.
    last = last_fire_at_or_before("Asia/Tokyo", tod, monday_to_friday, utc("2026-12-06T23:00:00Z"));
    BOOST_REQUIRE(last);
    BOOST_TEST(paperboy::core::format_ymd(last->local_date) == "2026-12-07");
    // Sunday 12:00 JST: the last weekday run was Friday.
    last = last_fire_at_or_before("Asia/Tokyo", tod, monday_to_friday, utc("2026-12-06T03:00:00Z"));
    BOOST_REQUIRE(last);
    BOOST_TEST(paperboy::core::format_ymd(last->local_date) == "2026-12-04");
}

BOOST_AUTO_TEST_CASE(a_day_the_zone_skipped_has_no_run) {
    // Pacific/Apia skipped 2011-12-30 altogether; a daily 08:00 runs on the 29th and the 31st only.
    BOOST_TEST(fire("Pacific/Apia", "08:00", every_day, "2011-12-29T19:00:00Z") == "2011-12-30T18:00:00Z 2011-12-31");
}

BOOST_AUTO_TEST_CASE(unknown_zones_and_empty_weekday_sets_throw) {
    BOOST_CHECK_THROW(next_fire("Asia/Tokio", minutes(480), every_day, utc("2026-12-02T00:00:00Z")), std::runtime_error);
    BOOST_CHECK_THROW(next_fire("UTC", minutes(480), 0, utc("2026-12-02T00:00:00Z")), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(local_times_are_shown_with_their_abbreviation) {
    BOOST_TEST(format_local("Asia/Tokyo", utc("2026-12-02T23:00:00Z")) == "2026-12-03 08:00 JST");
    BOOST_TEST(format_local("UTC", utc("2026-12-02T23:00:00Z")) == "2026-12-02 23:00 UTC");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parsing)

BOOST_AUTO_TEST_CASE(times_of_day) {
    BOOST_TEST(parse_time_of_day("08:00")->count() == 480);
    BOOST_TEST(parse_time_of_day("7:30")->count() == 450);
    BOOST_TEST(parse_time_of_day("23:59")->count() == 1439);
    for (const char* bad : {"24:00", "08:60", "0800", "08:0", ":30", "008:00", "a8:00", ""})
        BOOST_TEST(!parse_time_of_day(bad), bad);
    BOOST_TEST(format_time_of_day(minutes(450)) == "07:30");
}

BOOST_AUTO_TEST_CASE(weekday_sets) {
    BOOST_TEST(*parse_weekdays("mon-fri") == monday_to_friday);
    BOOST_TEST(*parse_weekdays("Weekdays") == monday_to_friday);
    BOOST_TEST(*parse_weekdays("daily") == every_day);
    BOOST_TEST(*parse_weekdays("mon-sun") == every_day);
    BOOST_TEST(*parse_weekdays("fri-mon") == *parse_weekdays("fri,sat,sun,mon"));  // wraps over the weekend
    BOOST_TEST(format_weekdays(*parse_weekdays("wed,mon,fri")) == "mon,wed,fri");
    BOOST_TEST(format_weekdays(*parse_weekdays("sat-sun")) == "sat,sun");
    BOOST_TEST(format_weekdays(monday_to_friday) == "mon-fri");
    BOOST_TEST(format_weekdays(every_day) == "daily");
    for (const char* bad : {"", "mon,", "monday", "mon-", "x-fri", ","}) BOOST_TEST(!parse_weekdays(bad), bad);
}

BOOST_AUTO_TEST_CASE(close_zone_names_are_suggested) {
    BOOST_TEST(known_zone("Asia/Tokyo"));
    BOOST_TEST(known_zone("Asia/Calcutta"));  // an alias is a zone of its own
    BOOST_TEST(!known_zone("Asia/Tokio"));
    BOOST_TEST(!known_zone("JST"));
    auto close = close_zones("Asia/Tokio");
    BOOST_REQUIRE(!close.empty());
    BOOST_TEST(close.front() == "Asia/Tokyo");
    close = close_zones("tokyo");
    BOOST_REQUIRE(!close.empty());
    BOOST_TEST(close.front() == "Asia/Tokyo");
    close = close_zones("Europe/Berln");
    BOOST_REQUIRE(!close.empty());
    BOOST_TEST(close.front() == "Europe/Berlin");
    BOOST_TEST(close_zones("Nowhere/Qqqqqqq").empty());
    BOOST_TEST(close_zones("Asia/Tokio", 1).size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
