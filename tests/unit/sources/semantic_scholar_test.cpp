#include "paperboy/sources/semantic_scholar/graph.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "fixture.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy::sources::semantic_scholar;
using paperboy::test::iso;
using paperboy::test::read_fixture;

BOOST_AUTO_TEST_SUITE(semantic_scholar_graph)

BOOST_AUTO_TEST_CASE(batch_with_null_and_every_field) {
    auto batch = parse_batch(read_fixture("semantic_scholar/paper_batch_fields_all_with_null_2024-12.json"));
    BOOST_REQUIRE_MESSAGE(batch, (batch ? "" : batch.err().message));
    BOOST_REQUIRE(batch->size() == 4u);  // aligned with the 4 request ids
    BOOST_TEST(!batch->at(0).has_value());

    const auto& did = batch->at(1).value();
    BOOST_TEST(did.arxiv_id.empty());  // no ArXiv external id
    BOOST_TEST(did.title == "How Much Should We Trust Differences-in-Differences Estimates?");
    BOOST_TEST(did.abstract.starts_with("Most Difference-in-Difference (DD) papers rely on many years of data"));
    BOOST_TEST(did.doi == "10.2139/ssrn.288970");
    BOOST_TEST(iso(did.published) == "2001-10-01T00:00:00Z");
    BOOST_REQUIRE(did.authors.size() == 3u);
    BOOST_TEST(did.authors[0].name == "Marianne Bertrand");
    BOOST_TEST(did.authors[1].name == "E. Duflo");
    BOOST_TEST(did.abs_url == "https://www.semanticscholar.org/paper/c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce");
    BOOST_TEST(did.pdf_url == "http://papers.nber.org/papers/w8841.pdf");
    BOOST_TEST(did.signals.citations == 10670);
    BOOST_TEST(did.signals.influential_citations == 578);
    BOOST_TEST(did.signals.venue == "Experimental & Empirical Studies eJournal");  // venue "" -> journal name
    BOOST_TEST(!did.signals.tldr.has_value());
    BOOST_TEST(did.sources == std::vector<std::string>{"semantic_scholar"});

    const auto& micro = batch->at(2).value();
    BOOST_TEST(micro.title == "The Miracle of Microfinance? Evidence from a Randomized Evaluation");
    BOOST_TEST(micro.signals.citations == 2185);
    BOOST_TEST(micro.signals.influential_citations == 245);
    BOOST_TEST(iso(micro.published) == "2013-04-10T00:00:00Z");
    BOOST_TEST(micro.authors.size() == 4u);

    const auto& audits = batch->at(3).value();  // nulls everywhere
    BOOST_TEST(audits.title == "Improving Third-Party Audits and Regulatory Compliance in India");
    BOOST_TEST(audits.doi == "10.1257/rct.1355");
    BOOST_TEST(!audits.published.has_value());  // publicationDate null
    BOOST_TEST(audits.pdf_url.empty());         // openAccessPdf null
    BOOST_TEST(!audits.signals.venue.has_value());
    BOOST_TEST(audits.signals.citations == 0);
    BOOST_TEST(audits.signals.influential_citations == 0);
}

BOOST_AUTO_TEST_CASE(batch_with_authors_only) {
    auto batch = parse_batch(read_fixture("semantic_scholar/paper_batch_fields_authors_2024-12.json"));
    BOOST_REQUIRE(batch);
    BOOST_REQUIRE(batch->size() == 3u);
    BOOST_TEST(batch->at(0)->title.empty());
    BOOST_TEST(!batch->at(0)->signals.citations.has_value());
    BOOST_TEST(batch->at(1)->authors.size() == 4u);
    BOOST_TEST(batch->at(1)->authors[3].name == "Cynthia Kinnan");
    BOOST_TEST(batch->at(2)->authors.back().name == "Nick Ryan");
}

BOOST_AUTO_TEST_CASE(single_paper_objects) {
    auto by_doi = parse_paper(read_fixture("semantic_scholar/paper_by_doi_fields_title_2024-12.json"));
    BOOST_REQUIRE(by_doi);
    BOOST_TEST(by_doi->title == "Computing Machinery and Intelligence");
    BOOST_TEST(by_doi->arxiv_id.empty());

    auto full = parse_paper(read_fixture("semantic_scholar/paper_full_object_all_fields.json"));
    BOOST_REQUIRE(full);
    BOOST_TEST(full->title == "Computing Machinery and Intelligence");
    BOOST_TEST(full->doi == "10.1093/MIND/LIX.236.433");
    BOOST_TEST(iso(full->published) == "1950-10-01T00:00:00Z");
    BOOST_TEST(full->signals.citations == 10059);
    BOOST_TEST(full->signals.influential_citations == 530);
    BOOST_TEST(full->signals.venue == "The Philosophy of Artificial Intelligence");
    BOOST_REQUIRE(full->signals.tldr.has_value());
    BOOST_TEST(full->signals.tldr->starts_with("If the meaning of the words \xE2\x80\x9C" "machine\xE2\x80\x9D"));
    BOOST_REQUIRE(full->authors.size() == 1u);
    BOOST_TEST(full->authors[0].name == "A. Turing");
}

// The recorded full object lists 1000 citing papers in the batch shape; 243 carry an arXiv id.
BOOST_AUTO_TEST_CASE(arxiv_external_id_becomes_the_paper_id) {
    auto doc = nlohmann::json::parse(read_fixture("semantic_scholar/paper_full_object_all_fields.json"));
    auto batch = parse_batch(doc.at("citations").dump());
    BOOST_REQUIRE(batch);
    BOOST_REQUIRE(batch->size() == 1000u);
    auto with_id = std::count_if(batch->begin(), batch->end(), [](const auto& p) { return !p->arxiv_id.empty(); });
    BOOST_TEST(with_id == 243);
    auto quo = std::find_if(batch->begin(), batch->end(), [](const auto& p) { return p->arxiv_id == "2405.19561"; });
    BOOST_REQUIRE(quo != batch->end());
    const auto& p = **quo;
    BOOST_TEST(p.title == "Quo Vadis ChatGPT? From Large Language Models to Large Knowledge Models");
    BOOST_TEST(p.version.empty());
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/2405.19561");
    BOOST_TEST(p.abstract.starts_with("The startling success of ChatGPT and other large language models (LLMs)"));
}

BOOST_AUTO_TEST_CASE(search_pages) {
    auto turing = parse_search(read_fixture("semantic_scholar/paper_search_turing_limit100_2024.json"));
    BOOST_REQUIRE(turing);
    BOOST_TEST(turing->total == 70499);
    BOOST_TEST(turing->offset == 0);
    BOOST_TEST(turing->next == 100);
    BOOST_TEST(!turing->token.has_value());
    BOOST_REQUIRE(turing->data.size() == 100u);
    BOOST_TEST(turing->data.front().title == "Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B, A "
                                             "Large-Scale Generative Language Model");
    BOOST_TEST(turing->data.back().title == "Turing patterns in multiplex networks.");

    auto none = parse_search(read_fixture("semantic_scholar/paper_search_no_results.json"));
    BOOST_REQUIRE(none);
    BOOST_TEST(none->total == 0);
    BOOST_TEST(none->offset == 0);
    BOOST_TEST(!none->next.has_value());
    BOOST_TEST(none->data.empty());

    auto bulk = parse_search(read_fixture("semantic_scholar/paper_search_bulk_kubernetes_page1.json"));
    BOOST_REQUIRE(bulk);
    BOOST_TEST(bulk->total == 2674);
    BOOST_TEST(!bulk->next.has_value());
    BOOST_REQUIRE(bulk->token.has_value());
    BOOST_TEST(bulk->token->starts_with("PCOKWVSKJJGM4TWNJNI3"));
    BOOST_REQUIRE(bulk->data.size() == 1000u);
    BOOST_TEST(bulk->data.front().title == "Kubernetes Cluster for Automating Software Production Environment");
    BOOST_TEST(bulk->data.back().title == "RARE: a labeled dataset for cloud-native memory anomalies");

    auto match = parse_search(read_fixture("semantic_scholar/paper_search_match_title.json"));
    BOOST_REQUIRE(match);
    BOOST_TEST(match->total == 1);  // no "total" key: the number of items
    BOOST_TEST(match->data.at(0).title == "Mining association rules between sets of items in large databases");
}

BOOST_AUTO_TEST_CASE(recommendations) {
    auto recs = parse_recommendations(read_fixture("semantic_scholar/recommendations_forpaper_2024.json"));
    BOOST_REQUIRE(recs);
    BOOST_REQUIRE(recs->size() == 100u);
    BOOST_TEST(recs->front().title ==
               "Report shows slight improvement on grantmaker diversity, but compensation lagging behind inflation");
    BOOST_TEST(!parse_recommendations("{\"data\":[]}"));
}

struct error_case {
    const char* file;
    const char* message;
};
std::ostream& operator<<(std::ostream& os, const error_case& c) { return os << c.file; }

const error_case errors[] = {
    {"error_400_recommendations_no_positive.json", "No positive paper examples given"},
    {"error_400_unrecognized_fields.json", "Unrecognized or unsupported fields: [unknown]"},
    {"error_403_forbidden.json", "Forbidden"},
    {"error_404_paper_not_found.json", "Paper with id 0 not found"},
};

BOOST_DATA_TEST_CASE(recorded_error_bodies, bdata::make(errors), c) {
    BOOST_TEST(parse_error_message(read_fixture(std::string("semantic_scholar/") + c.file)) == c.message);
}

BOOST_AUTO_TEST_CASE(other_error_bodies) {
    BOOST_TEST(parse_error_message(R"({"message":"Too Many Requests. Please wait and try again"})") ==
               "Too Many Requests. Please wait and try again");
    BOOST_TEST(parse_error_message(R"({"error":{"message":"nested"}})") == "nested");
    BOOST_TEST(parse_error_message("<html>\n 502 Bad Gateway </html>") == "<html> 502 Bad Gateway </html>");
    BOOST_TEST(parse_error_message("").empty());
    BOOST_TEST(parse_error_message(std::string(500, 'x')).size() == 200u);
}

BOOST_AUTO_TEST_CASE(malformed_and_truncated_bodies) {
    const std::string batch = read_fixture("semantic_scholar/paper_batch_fields_all_with_null_2024-12.json");
    BOOST_TEST(!parse_batch(std::string_view(batch).substr(0, batch.size() / 2)));
    BOOST_TEST(!parse_batch("{\"error\":\"x\"}"));
    BOOST_TEST(parse_batch("[null, 3]").err().message == "Semantic Scholar batch: item 1 is a number");
    const std::string search = read_fixture("semantic_scholar/paper_search_turing_limit100_2024.json");
    BOOST_TEST(!parse_search(std::string_view(search).substr(0, search.size() / 2)));
    BOOST_TEST(!parse_search("[]"));
    BOOST_TEST(!parse_paper("null"));
    BOOST_TEST(!parse_paper(""));
    // Wrong types are absent values, never exceptions.
    auto odd = parse_batch(R"([{"title": 5, "citationCount": "many", "externalIds": {"ArXiv": 2405.19561},
                                "authors": [null, {"name": "X"}], "tldr": "text", "publicationDate": "2024"}])");
    BOOST_REQUIRE(odd);
    const auto& p = odd->at(0).value();
    BOOST_TEST(p.title.empty());
    BOOST_TEST(p.arxiv_id.empty());
    BOOST_TEST(!p.signals.citations.has_value());
    BOOST_TEST(!p.signals.tldr.has_value());
    BOOST_TEST(!p.published.has_value());
    BOOST_TEST(p.authors.size() == 1u);
}

BOOST_AUTO_TEST_CASE(batch_request) {
    BOOST_TEST(build_batch_body({"2602.10693", "2104.12255v1", "astro-ph/0601001"}) ==
               R"({"ids":["ARXIV:2602.10693","ARXIV:2104.12255","ARXIV:astro-ph/0601001"]})");
    BOOST_TEST(build_batch_body({}) == R"({"ids":[]})");
    const std::string fields = batch_fields();
    for (const char* f : {"externalIds", "title", "abstract", "authors", "venue", "publicationDate", "citationCount",
                          "influentialCitationCount", "tldr"})
        BOOST_TEST(("," + fields + ",").find(std::string(",") + f + ",") != std::string::npos, f);
}

BOOST_AUTO_TEST_SUITE_END()
