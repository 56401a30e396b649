#include "paperboy/core/arxiv_id.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace bdata = boost::unit_test::data;
using paperboy::core::parse_arxiv_id;

BOOST_AUTO_TEST_SUITE(arxiv_id)

struct good_case {
    const char* text;
    const char* id;
    const char* version;
};
std::ostream& operator<<(std::ostream& os, const good_case& c) { return os << c.text; }

const good_case good[] = {
    {"2602.10693", "2602.10693", ""},
    {"2602.10693v2", "2602.10693", "v2"},
    {"  2602.10693v12 ", "2602.10693", "v12"},
    {"0704.0001", "0704.0001", ""},
    {"arXiv:2202.12139v1", "2202.12139", "v1"},
    {"hep-th/9901001", "hep-th/9901001", ""},
    {"astro-ph/0601001v1", "astro-ph/0601001", "v1"},
    {"math.GT/0309136", "math.GT/0309136", ""},
    {"https://arxiv.org/abs/2602.10693v1", "2602.10693", "v1"},
    {"http://arxiv.org/abs/2202.12139v1", "2202.12139", "v1"},
    {"https://arxiv.org/pdf/2602.10693.pdf", "2602.10693", ""},
    {"https://arxiv.org/pdf/2602.10693v3", "2602.10693", "v3"},
    {"https://www.arxiv.org/abs/2602.10693?context=cs", "2602.10693", ""},
    {"http://arxiv.org/abs/astro-ph/0601001v1", "astro-ph/0601001", "v1"},
};

BOOST_DATA_TEST_CASE(accepts, bdata::make(good), c) {
    auto parsed = parse_arxiv_id(c.text);
    BOOST_REQUIRE(parsed);
    BOOST_TEST(parsed->id == c.id);
    BOOST_TEST(parsed->version == c.version);
}

const char* bad[] = {"", "abc", "2602.106", "2613.10693", "26021.0693", "2602.1069312", "hep-th/99010",
                     "https://example.com/abs/2602.10693", "https://arxiv.org/list/cs.CL", "3", "#3",
                     "summarize 2602.10693"};

BOOST_DATA_TEST_CASE(rejects, bdata::make(bad), text) { BOOST_TEST(!parse_arxiv_id(text)); }

BOOST_AUTO_TEST_CASE(is_arxiv_id_accepts_only_bare_ids) {
    BOOST_TEST(paperboy::core::is_arxiv_id("2602.10693"));
    BOOST_TEST(paperboy::core::is_arxiv_id("2602.10693v2"));
    BOOST_TEST(!paperboy::core::is_arxiv_id("https://arxiv.org/abs/2602.10693"));
    BOOST_TEST(!paperboy::core::is_arxiv_id("arXiv:2602.10693"));
}

BOOST_AUTO_TEST_SUITE_END()
