#include "paperboy/core/time.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace bdata = boost::unit_test::data;
using namespace paperboy::core;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(rfc3339_time)

struct rfc3339_case {
    const char* text;
    const char* utc;
};
std::ostream& operator<<(std::ostream& os, const rfc3339_case& c) { return os << c.text; }

const rfc3339_case good[] = {
    {"2022-02-24T15:05:19Z", "2022-02-24T15:05:19Z"},
    {"2016-10-09T00:00:00-04:00", "2016-10-09T04:00:00Z"},   // legacy arXiv feed <updated>
    {"2026-05-30T00:00:00.000Z", "2026-05-30T00:00:00Z"},     // Hugging Face, fraction dropped
    {"2024-01-01T01:30:00+02:00", "2023-12-31T23:30:00Z"},    // offset crosses the year
    {"2024-02-29t12:00:00z", "2024-02-29T12:00:00Z"},         // lower case, leap day
    {"2024-03-01 08:00:00.123456+05:30", "2024-03-01T02:30:00Z"},
    {"1994-11-08T11:19:41Z", "1994-11-08T11:19:41Z"},
};

BOOST_DATA_TEST_CASE(parses_rfc3339_to_utc, bdata::make(good), c) {
    auto t = parse_rfc3339(c.text);
    BOOST_REQUIRE(t);
    BOOST_TEST(format_rfc3339(*t) == c.utc);
}

const char* bad_rfc3339[] = {
    "", "2022-02-24", "2022-02-24T15:05:19", "2022-02-24T15:05Z", "2022-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z", "2022-13-01T00:00:00Z", "2022-02-24T24:00:00Z", "2022-02-24T15:60:00Z",
    "2022-02-24T15:05:19+0400", "2022-02-24T15:05:19+24:00", "2022-02-24T15:05:19.Z",
    "2022-02-24T15:05:19Z ", "22-02-24T15:05:19Z", "2022-02-24X15:05:19Z", "2022-0a-24T15:05:19Z",
};

BOOST_DATA_TEST_CASE(rejects_bad_rfc3339, bdata::make(bad_rfc3339), text) { BOOST_TEST(!parse_rfc3339(text)); }

BOOST_AUTO_TEST_CASE(parses_and_formats_dates) {
    auto d = parse_ymd("2001-10-01");
    BOOST_REQUIRE(d);
    BOOST_TEST(format_ymd(*d) == "2001-10-01");
    BOOST_TEST((*d == sys_days{2001y / October / 1}));
    BOOST_TEST(format_ymd(sys_days{2026y / June / 12}) == "2026-06-12");
    for (const char* bad : {"", "2001-10-1", "2001-10-01T00:00:00Z", "2001-02-29", "2001/10/01", "20011001"})
        BOOST_TEST(!parse_ymd(bad), bad);
}

BOOST_AUTO_TEST_SUITE_END()
