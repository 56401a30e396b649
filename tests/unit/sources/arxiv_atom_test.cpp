// parse_atom over every recorded arXiv response, with exact values from the recordings.
#include "paperboy/sources/arxiv/atom.hpp"

#include <algorithm>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

namespace bdata = boost::unit_test::data;
using paperboy::sources::arxiv::parse_atom;
using paperboy::test::iso;
using paperboy::test::read_fixture;

BOOST_AUTO_TEST_SUITE(arxiv_atom)

struct feed_case {
    const char* file;
    int total, start, per_page;
    std::size_t entries;
    const char* first_id;
    const char* last_id;
};
std::ostream& operator<<(std::ostream& os, const feed_case& c) { return os << c.file; }

const feed_case feeds[] = {
    {"api_id_list_no_match_2026-04-12.xml", 0, 0, 100, 0, "", ""},
    {"api_id_list_old_style_id_2026-04-12.xml", 1, 0, 100, 1, "astro-ph/0601001", "astro-ph/0601001"},
    {"api_id_list_one_of_two_found_2026-04-12.xml", 1, 0, 100, 1, "1707.08567", "1707.08567"},
    {"api_id_list_title_is_0_2026-04-12.xml", 1, 0, 100, 1, "2104.12255", "2104.12255"},
    {"api_query_all-electron-AND-all-proton_2025-11-11.xml", 7432, 0, 10, 10, "nucl-ex/0408020", "1401.3666"},
    {"api_query_all-electron-AND-all-proton_legacy_2025-08-20.xml", 7370, 0, 10, 10, "astro-ph/9904306",
     "2407.11707"},
    {"api_query_all-testing_start0_max100_2026-04-12.xml", 214881, 0, 100, 100, "2202.12139", "gr-qc/0103067"},
    {"api_query_all-testing_start0_max10_2026-04-12.xml", 214881, 0, 10, 10, "2202.12139", "1812.11470"},
    {"api_query_all-testing_start10_max10_2026-04-12.xml", 214881, 10, 10, 10, "2403.16981", "2202.06271"},
    {"api_query_au-del_maestro_legacy_2016-10-09.xml", 31, 0, 10, 10, "1201.4869", "0807.2873"},
};

BOOST_DATA_TEST_CASE(parses_every_recorded_feed, bdata::make(feeds), c) {
    auto feed = parse_atom(read_fixture(std::string("arxiv/") + c.file));
    BOOST_REQUIRE_MESSAGE(feed, (feed ? "" : feed.err().message));
    BOOST_TEST(feed->total_results == c.total);
    BOOST_TEST(feed->start_index == c.start);
    BOOST_TEST(feed->items_per_page == c.per_page);
    BOOST_REQUIRE(feed->entries.size() == c.entries);
    if (c.entries == 0) return;
    BOOST_TEST(feed->entries.front().arxiv_id == c.first_id);
    BOOST_TEST(feed->entries.back().arxiv_id == c.last_id);
    // Invariants every entry of every dialect must satisfy.
    for (const auto& p : feed->entries) {
        BOOST_TEST_CONTEXT(p.arxiv_id) {
            BOOST_TEST(p.version.starts_with("v"));
            BOOST_TEST(!p.title.empty());
            BOOST_TEST(!p.abstract.empty());
            for (const std::string* text : {&p.title, &p.abstract}) {
                BOOST_TEST(text->find('\n') == std::string::npos);
                BOOST_TEST(text->find("  ") == std::string::npos);
                BOOST_TEST(text->front() != ' ');
                BOOST_TEST(text->back() != ' ');
            }
            BOOST_TEST(p.published.has_value());
            BOOST_TEST(p.updated.has_value());
            BOOST_TEST(!p.authors.empty());
            BOOST_TEST(p.abs_url.ends_with("/abs/" + p.arxiv_id + p.version));
            BOOST_TEST(p.pdf_url.ends_with("/pdf/" + p.arxiv_id + p.version));
            BOOST_TEST(!p.primary_category.empty());
            BOOST_TEST((std::find(p.categories.begin(), p.categories.end(), p.primary_category) !=
                        p.categories.end()));
            BOOST_TEST(p.sources == std::vector<std::string>{"arxiv"});
        }
    }
}

BOOST_AUTO_TEST_CASE(current_dialect_entry_has_every_field) {
    auto feed = parse_atom(read_fixture("arxiv/api_query_all-testing_start0_max10_2026-04-12.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(0);
    BOOST_TEST(p.arxiv_id == "2202.12139");
    BOOST_TEST(p.version == "v1");
    BOOST_TEST(p.title == "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques");
    BOOST_TEST(p.abstract.starts_with("Deep Learning (DL) has revolutionized the capabilities of vision-based"));
    BOOST_TEST(p.abstract.ends_with("discuss its results."));
    BOOST_TEST(iso(p.published) == "2022-02-24T15:05:19Z");
    BOOST_TEST(iso(p.updated) == "2022-02-24T15:05:19Z");
    BOOST_REQUIRE(p.authors.size() == 3u);
    BOOST_TEST(p.authors[0].name == "Mohit Kumar Ahuja");
    BOOST_TEST(p.authors[2].name == "Helge Spieker");
    BOOST_TEST(p.authors[0].affiliations.empty());
    BOOST_TEST(p.primary_category == "cs.SE");
    BOOST_TEST(p.categories == (std::vector<std::string>{"cs.SE", "cs.LG"}));
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/2202.12139v1");
    BOOST_TEST(p.pdf_url == "https://arxiv.org/pdf/2202.12139v1");
    BOOST_TEST(p.doi == "10.1109/ICSTW55395.2022.00035");
    BOOST_TEST(p.comment == "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022");
    BOOST_TEST(p.journal_ref ==
               "Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on Software "
               "Testing, Verification and Validation Workshops (ICSTW)");
    BOOST_TEST((p.signals == paperboy::core::paper_signals{}));
}

BOOST_AUTO_TEST_CASE(later_version_keeps_v1_date_as_published) {
    auto feed = parse_atom(read_fixture("arxiv/api_query_all-testing_start10_max10_2026-04-12.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(0);
    BOOST_TEST(p.arxiv_id == "2403.16981");
    BOOST_TEST(p.version == "v2");
    BOOST_TEST(p.title == "The Sample Complexity of Simple Binary Hypothesis Testing");
    BOOST_TEST(iso(p.published) == "2024-03-25T17:42:32Z");
    BOOST_TEST(iso(p.updated) == "2025-05-24T05:50:33Z");
    BOOST_TEST(p.categories == (std::vector<std::string>{"math.ST", "cs.IT", "stat.ML"}));

    auto big = parse_atom(read_fixture("arxiv/api_query_all-testing_start0_max100_2026-04-12.xml"));
    BOOST_REQUIRE(big);
    const auto& v5 = big->entries.at(83);
    BOOST_TEST(v5.arxiv_id == "2206.10210");
    BOOST_TEST(v5.version == "v5");
    BOOST_TEST(iso(v5.updated) == "2023-04-16T03:43:15Z");
    const auto& affiliated = big->entries.at(81);
    BOOST_TEST(affiliated.arxiv_id == "0804.0970");
    BOOST_REQUIRE(affiliated.authors.size() >= 2u);
    BOOST_TEST(affiliated.authors[0].name == "Marie-Claude Gaudel");
    BOOST_TEST(affiliated.authors[0].affiliations == std::vector<std::string>{"LRI"});
    BOOST_TEST(affiliated.authors[1].affiliations == std::vector<std::string>{"IBISC"});
}

BOOST_AUTO_TEST_CASE(title_zero_is_kept) {
    auto feed = parse_atom(read_fixture("arxiv/api_id_list_title_is_0_2026-04-12.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(0);
    BOOST_TEST(p.arxiv_id == "2104.12255");
    BOOST_TEST(p.version == "v1");
    BOOST_TEST(p.title == "0");
    BOOST_TEST(p.abstract.starts_with("What is the funniest number in cryptography? 0. The reason is"));
    BOOST_TEST(p.primary_category == "cs.CR");
    BOOST_TEST(p.authors.size() == 1u);
    BOOST_TEST(p.authors[0].name == "Quan Thoi Minh Nguyen");
    BOOST_TEST(p.doi.empty());
    BOOST_TEST(p.comment.empty());
}

BOOST_AUTO_TEST_CASE(old_style_id_with_affiliations_and_entities) {
    auto feed = parse_atom(read_fixture("arxiv/api_id_list_old_style_id_2026-04-12.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(0);
    BOOST_TEST(p.arxiv_id == "astro-ph/0601001");
    BOOST_TEST(p.version == "v1");
    BOOST_TEST(p.title == "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys "
                          "Toward the Galactic Bulge and Carina");
    // Leading indent removed; &amp; and &lt; decoded.
    BOOST_TEST(p.abstract.starts_with("We derive the frequencies of hot Jupiters (HJs) with 3--5 day periods"));
    BOOST_TEST(p.abstract.find("Gould & Morgan (2003)") != std::string::npos);
    BOOST_TEST(p.abstract.find("V_max<17.5") != std::string::npos);
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/astro-ph/0601001v1");
    BOOST_TEST(p.pdf_url == "https://arxiv.org/pdf/astro-ph/0601001v1");
    BOOST_TEST(p.primary_category == "astro-ph");
    BOOST_TEST(p.journal_ref == "ActaAstron.56:1-50,2006");
    BOOST_TEST(p.comment.starts_with("62 pages including 16 figures and 9 tables."));
    BOOST_TEST(iso(p.published) == "2006-01-02T14:57:58Z");
    BOOST_REQUIRE(p.authors.size() == 4u);
    BOOST_TEST(p.authors[0].name == "Andrew Gould");
    BOOST_TEST(p.authors[0].affiliations == std::vector<std::string>{"Ohio State"});
    BOOST_TEST(p.authors[3].name == "Andrzej Udalski");
    BOOST_TEST(p.authors[3].affiliations == std::vector<std::string>{"Warsaw University Observatory"});
}

BOOST_AUTO_TEST_CASE(one_of_two_ids_found_keeps_bytes_as_sent) {
    auto feed = parse_atom(read_fixture("arxiv/api_id_list_one_of_two_found_2026-04-12.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(0);
    BOOST_TEST(p.title == "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications");
    BOOST_REQUIRE(p.authors.size() == 34u);
    BOOST_TEST(p.authors.front().name == "Kees A. Schouhamer Immink");
    BOOST_TEST(p.authors[32].name == "Dirk W\xC3\x83\xC2\xBC" "bben");  // mojibake is in the recording
    BOOST_TEST(p.authors.back().name == "Hirosuke Yamamoto");
    BOOST_TEST(p.comment == "44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck");
}

BOOST_AUTO_TEST_CASE(error_feed_becomes_an_error) {
    auto feed = parse_atom(read_fixture("arxiv/api_error_incorrect_id_format_http400_2026-04-12.xml"));
    BOOST_REQUIRE(!feed);
    BOOST_TEST(feed.err().message == "arXiv API error: incorrect id format for abc");
}

BOOST_AUTO_TEST_CASE(rss_feed_is_not_an_atom_feed) {
    auto feed = parse_atom(read_fixture("arxiv/rss_cs.CL_weekend_empty_2026-08-01.xml"));
    BOOST_REQUIRE(!feed);
    BOOST_TEST(feed.err().message == "arXiv feed: not an Atom feed (root element <rss>)");
}

BOOST_AUTO_TEST_SUITE_END()
