// parse_atom on the legacy dialect, href-only links, unusual prefixes and broken input.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"
#include "paperboy/sources/arxiv/atom.hpp"

namespace bdata = boost::unit_test::data;
using paperboy::sources::arxiv::parse_atom;
using paperboy::test::iso;
using paperboy::test::read_fixture;

BOOST_AUTO_TEST_SUITE(arxiv_dialects)

BOOST_AUTO_TEST_CASE(legacy_hard_wrapped_title_and_inline_namespaces) {
    auto feed = parse_atom(read_fixture("arxiv/api_query_au-del_maestro_legacy_2016-10-09.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(2);
    BOOST_TEST(p.arxiv_id == "cond-mat/0603029");
    BOOST_TEST(p.version == "v1");
    BOOST_TEST(p.title ==
               "From stripe to checkerboard order on the square lattice in the presence of quenched disorder");
    BOOST_TEST(p.abstract.starts_with("We discuss the effects of quenched disorder on a model of charge density wave "
                                      "(CDW) ordering on the "));
    // arxiv:* elements each declare xmlns:arxiv inline in this dialect.
    BOOST_TEST(p.doi == "10.1103/PhysRevB.74.024520");
    BOOST_TEST(p.journal_ref == "Phys. Rev. B 74, 024520 (2006)");
    BOOST_TEST(p.comment == "10 pages, 11 figures; added reference");
    BOOST_TEST(p.primary_category == "cond-mat.str-el");
    BOOST_TEST(p.categories == (std::vector<std::string>{"cond-mat.str-el", "cond-mat.supr-con"}));
    BOOST_TEST(p.abs_url == "http://arxiv.org/abs/cond-mat/0603029v1");
    BOOST_TEST(p.pdf_url == "http://arxiv.org/pdf/cond-mat/0603029v1");
    BOOST_REQUIRE(p.authors.size() == 3u);
    BOOST_TEST(p.authors[1].name == "Bernd Rosenow");

    const auto& first = feed->entries.at(0);
    BOOST_TEST(first.title == "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores");
    BOOST_TEST(first.abstract.starts_with("As helium-4 is cooled below 2.17 K it undergoes a phase transition to a "
                                          "fundamentally new state"));
    BOOST_TEST(first.abstract.ends_with("intriguing low dimensional state of matter."));
    BOOST_TEST(first.doi == "10.1142/S021797921244002X");
    BOOST_TEST(iso(first.published) == "2012-01-23T21:15:02Z");

    const auto& v2 = feed->entries.at(4);
    BOOST_TEST(v2.arxiv_id == "1303.6954");
    BOOST_TEST(v2.version == "v2");
    BOOST_TEST(v2.title == "Local Superfluidity at the Nanoscale");
    BOOST_TEST(iso(v2.published) == "2013-03-27T20:00:04Z");
    BOOST_TEST(iso(v2.updated) == "2013-09-03T01:06:36Z");
}

BOOST_AUTO_TEST_CASE(legacy_affiliation_doi_link_and_utf8) {
    auto feed = parse_atom(read_fixture("arxiv/api_query_all-electron-AND-all-proton_legacy_2025-08-20.xml"));
    BOOST_REQUIRE(feed);
    const auto& wrapped = feed->entries.at(1);
    BOOST_TEST(wrapped.arxiv_id == "hep-ph/9411242");
    BOOST_TEST(wrapped.title == "Proton-ring and Electron-linac Collider (PRELC) as a (first) "
                                "TeV-rangeelectron-proton or photon-proton collider");
    BOOST_REQUIRE(wrapped.authors.size() == 1u);
    BOOST_TEST(wrapped.authors[0].name == "Raimo Vuopionper\xC3\xA4");
    BOOST_TEST(wrapped.authors[0].affiliations == std::vector<std::string>{"SEFT, Univ. Helsinki"});
    BOOST_TEST(wrapped.comment == "4 pages, revtex");

    const auto& doi = feed->entries.at(2);
    BOOST_TEST(doi.arxiv_id == "1706.01836");
    BOOST_TEST(doi.version == "v2");
    BOOST_TEST(doi.doi == "10.1063/1.4996038");
    BOOST_TEST(doi.journal_ref == "The Journal of Chemical Physics 147, 114113 (2017)");
    // The DOI link comes first in this entry; it must not be taken for the abstract or PDF page.
    BOOST_TEST(doi.abs_url == "http://arxiv.org/abs/1706.01836v2");
    BOOST_TEST(doi.pdf_url == "http://arxiv.org/pdf/1706.01836v2");
    BOOST_TEST(iso(doi.published) == "2017-06-06T16:12:51Z");
    BOOST_TEST(iso(doi.updated) == "2017-09-24T14:21:38Z");
    BOOST_TEST(feed->entries.at(5).categories ==
               (std::vector<std::string>{"cond-mat.other", "physics.bio-ph", "q-bio.SC"}));
}

BOOST_AUTO_TEST_CASE(href_only_links_of_the_rsxiv_recording) {
    auto feed = parse_atom(read_fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml"));
    BOOST_REQUIRE(feed);
    const auto& p = feed->entries.at(0);
    BOOST_TEST(p.arxiv_id == "nucl-ex/0408020");
    BOOST_TEST(p.title == "Two-photon exchange and elastic scattering of electrons/positrons on the proton. "
                          "(Proposal for an experiment at VEPP-3)");
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/nucl-ex/0408020v1");
    BOOST_TEST(p.pdf_url == "https://arxiv.org/pdf/nucl-ex/0408020v1");
    BOOST_TEST(p.categories == (std::vector<std::string>{"nucl-ex", "hep-ph"}));
    BOOST_TEST(iso(p.published) == "2004-08-18T23:13:32Z");
    BOOST_TEST(iso(p.updated) == "2005-09-17T15:04:24Z");
    BOOST_TEST(p.authors.size() == 9u);

    const auto& doi = feed->entries.at(1);
    BOOST_TEST(doi.arxiv_id == "1309.4668");
    BOOST_TEST(doi.abs_url == "https://arxiv.org/abs/1309.4668v1");
    BOOST_TEST(doi.pdf_url == "https://arxiv.org/pdf/1309.4668v1");
    BOOST_TEST(doi.doi == "10.5170/CERN-2013-002.237");
    BOOST_TEST(doi.journal_ref == "CERN Yellow Report CERN-2013-002, pp.237-240");
    BOOST_REQUIRE(doi.authors.size() == 2u);
    BOOST_TEST(doi.authors[0].name == "A. Pertica");
    BOOST_TEST(doi.authors[0].affiliations == std::vector<std::string>{"Rutherford"});
}

// Same feed written with other prefixes: Atom under "a:", arXiv under "x:", and decoys whose
// local names match but whose namespaces do not.
BOOST_AUTO_TEST_CASE(matches_namespace_uri_not_prefix) {
    const char* body = R"(<?xml version="1.0"?>
<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:os="http://a9.com/-/spec/opensearch/1.1/" xmlns="urn:decoy">
  <os:totalResults>3</os:totalResults>
  <totalResults>99</totalResults>
  <a:entry>
    <a:id>http://arxiv.org/abs/2602.10693v3</a:id>
    <title>decoy title</title>
    <a:title>Real
      title</a:title>
    <a:summary><![CDATA[Uses <b>CDATA</b>]]></a:summary>
    <a:author><a:name>Ada</a:name><x:affiliation xmlns:x="http://arxiv.org/schemas/atom">Lab</x:affiliation></a:author>
    <arxiv:comment xmlns:arxiv="urn:not-arxiv">decoy comment</arxiv:comment>
    <x:comment xmlns:x="http://arxiv.org/schemas/atom">real comment</x:comment>
    <a:category term="cs.CL"/>
    <a:category term="cs.CL"/>
    <entry xmlns="http://www.w3.org/2005/Atom"><id>nested, ignored</id></entry>
  </a:entry>
  <entry><id>http://arxiv.org/abs/2602.00001v1</id></entry>
</a:feed>)";
    auto feed = parse_atom(body);
    BOOST_REQUIRE_MESSAGE(feed, (feed ? "" : feed.err().message));
    BOOST_TEST(feed->total_results == 3);
    BOOST_REQUIRE(feed->entries.size() == 1u);
    const auto& p = feed->entries[0];
    BOOST_TEST(p.arxiv_id == "2602.10693");
    BOOST_TEST(p.version == "v3");
    BOOST_TEST(p.title == "Real title");
    BOOST_TEST(p.abstract == "Uses <b>CDATA</b>");
    BOOST_TEST(p.comment == "real comment");
    BOOST_TEST(p.authors.at(0).affiliations == std::vector<std::string>{"Lab"});
    BOOST_TEST(p.categories == std::vector<std::string>{"cs.CL"});  // duplicates folded
    BOOST_TEST(p.primary_category == "cs.CL");                        // absent: first category
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/2602.10693v3");     // absent: built from the id
}

BOOST_AUTO_TEST_CASE(entries_without_an_arxiv_id_are_skipped) {
    auto feed = parse_atom(R"(<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><id>https://example.org/x</id><title>x</title></entry>
      <entry><title>no id</title></entry>
      <entry><id>http://arxiv.org/abs/2104.12255v1</id><title>kept</title></entry></feed>)");
    BOOST_REQUIRE(feed);
    BOOST_REQUIRE(feed->entries.size() == 1u);
    BOOST_TEST(feed->entries[0].title == "kept");
}

const char* recordings[] = {
    "api_error_incorrect_id_format_http400_2026-04-12.xml", "api_id_list_no_match_2026-04-12.xml",
    "api_id_list_old_style_id_2026-04-12.xml", "api_id_list_title_is_0_2026-04-12.xml",
    "api_query_all-electron-AND-all-proton_2025-11-11.xml",
    "api_query_all-electron-AND-all-proton_legacy_2025-08-20.xml",
    "api_query_all-testing_start0_max100_2026-04-12.xml", "api_query_au-del_maestro_legacy_2016-10-09.xml",
    "rss_cs.CL_weekend_empty_2026-08-01.xml",
};

BOOST_DATA_TEST_CASE(truncated_recordings_are_errors, bdata::make(recordings), file) {
    const std::string body = read_fixture(std::string("arxiv/") + file);
    for (std::size_t cut : {body.size() / 3, body.size() / 2, body.rfind("</"), std::size_t{1}}) {
        auto feed = parse_atom(std::string_view(body).substr(0, cut));
        BOOST_TEST_REQUIRE(!feed, "cut at " << cut);
        BOOST_TEST(feed.err().message.starts_with("arXiv feed: malformed XML: "), feed.err().message);
    }
}

BOOST_AUTO_TEST_CASE(malformed_bodies_are_errors) {
    for (const char* body : {"", "not xml at all", "<feed xmlns='http://www.w3.org/2005/Atom'><entry></feed>",
                             "<?xml version='1.0'?><!-- only a comment -->", "\xEF\xBB\xBF<feed"}) {
        auto feed = parse_atom(body);
        BOOST_TEST_REQUIRE(!feed, body);
        BOOST_TEST(feed.err().message.starts_with("arXiv feed: malformed XML: "), feed.err().message);
    }
    auto wrong_ns = parse_atom("<feed><entry/></feed>");
    BOOST_REQUIRE(!wrong_ns);
    BOOST_TEST(wrong_ns.err().message == "arXiv feed: not an Atom feed (root element <feed>)");
    auto bad_count = parse_atom(R"(<feed xmlns="http://www.w3.org/2005/Atom"
        xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
        <opensearch:totalResults>12x</opensearch:totalResults></feed>)");
    BOOST_REQUIRE(!bad_count);
    BOOST_TEST(bad_count.err().message == "arXiv feed: opensearch:totalResults is not a non-negative integer: '12x'");
}

BOOST_AUTO_TEST_SUITE_END()
