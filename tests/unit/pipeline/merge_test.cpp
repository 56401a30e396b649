#include "paperboy/pipeline/merge.hpp"

#include <boost/test/unit_test.hpp>

#include "paperboy/sources/huggingface/daily_papers.hpp"
#include "papers.hpp"

using namespace paperboy;
using namespace std::chrono;
using paperboy::pipeline::merge;
using paperboy::test::at;
using paperboy::test::iso;
using paperboy::test::make_paper;
using paperboy::test::read_fixture;

BOOST_AUTO_TEST_SUITE(merge_sources)

core::paper arxiv_minimax() {
    auto p = make_paper("2606.13392", "MiniMax Sparse Attention", "Ultra-long-context capability ...",
                        {"cs.CL", "cs.LG"});
    p.version = "v2";
    p.authors = {{"Xunhao Lai", {"MiniMax"}}, {"Weiqi Xu", {}}};
    p.published = at(2026y / June / 11, 17);
    p.updated = at(2026y / June / 13, 9);
    p.abs_url = "https://arxiv.org/abs/2606.13392v2";
    p.pdf_url = "https://arxiv.org/pdf/2606.13392v2";
    p.comment = "30 pages";
    return p;
}

core::paper s2_minimax() {
    auto p = make_paper("2606.13392", "MiniMax sparse attention", "", {}, "semantic_scholar");
    p.abs_url = "https://arxiv.org/abs/2606.13392";
    p.doi = "10.48550/arXiv.2606.13392";
    p.published = at(2026y / June / 11);
    p.signals.citations = 3;
    p.signals.influential_citations = 1;
    p.signals.venue = "arXiv.org";
    p.signals.tldr = "A sparse attention for long contexts.";
    return p;
}

BOOST_AUTO_TEST_CASE(three_sources_of_one_paper_become_one_record) {
    auto hf =
        sources::huggingface::parse_daily_papers(read_fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json"));
    BOOST_REQUIRE(hf);
    auto merged = merge({{s2_minimax()}, *hf, {arxiv_minimax()}});
    BOOST_REQUIRE(merged.size() == 30u);  // the 30 HF papers; arXiv and S2 add no new ids
    auto it = std::find_if(merged.begin(), merged.end(), [](const auto& p) { return p.arxiv_id == "2606.13392"; });
    BOOST_REQUIRE(it != merged.end());
    const auto& p = *it;
    // Descriptive fields: arXiv first.
    BOOST_TEST(p.version == "v2");
    BOOST_TEST(p.title == "MiniMax Sparse Attention");
    BOOST_TEST(p.abstract == "Ultra-long-context capability ...");
    BOOST_REQUIRE(p.authors.size() == 2u);
    BOOST_TEST(p.authors[0].affiliations == std::vector<std::string>{"MiniMax"});
    BOOST_TEST(p.categories == (std::vector<std::string>{"cs.CL", "cs.LG"}));
    BOOST_TEST(p.primary_category == "cs.CL");
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/2606.13392v2");
    BOOST_TEST(iso(p.published) == "2026-06-11T17:00:00Z");
    BOOST_TEST(iso(p.updated) == "2026-06-13T09:00:00Z");
    BOOST_TEST(p.comment == "30 pages");
    BOOST_TEST(p.doi == "10.48550/arXiv.2606.13392");  // only S2 had one
    // Signals: all of them.
    BOOST_TEST(p.signals.hf_upvotes == 103);
    BOOST_TEST(p.signals.hf_comments == 4);
    BOOST_TEST(p.signals.github_repo == "https://github.com/MiniMax-AI/MSA");
    BOOST_TEST(p.signals.github_stars == 251);
    BOOST_TEST(iso(p.signals.hf_submitted_on) == "2026-06-12");
    BOOST_TEST(p.signals.citations == 3);
    BOOST_TEST(p.signals.influential_citations == 1);
    BOOST_TEST(p.signals.venue == "arXiv.org");
    BOOST_TEST(p.signals.tldr == "A sparse attention for long contexts.");
    BOOST_TEST(p.sources == (std::vector<std::string>{"arxiv", "huggingface", "semantic_scholar"}));

    // A paper only HF knows keeps HF's fields.
    auto only_hf = std::find_if(merged.begin(), merged.end(), [](const auto& q) { return q.arxiv_id == "2606.00467"; });
    BOOST_REQUIRE(only_hf != merged.end());
    BOOST_TEST(only_hf->sources == std::vector<std::string>{"huggingface"});
    BOOST_TEST(only_hf->signals.hf_comments == 2);
}

BOOST_AUTO_TEST_CASE(missing_fields_fall_back_to_the_next_source) {
    auto arxiv = make_paper("2606.00001", "Title from arXiv", "", {"cs.CL"});
    auto hf = make_paper("2606.00001", "Title from HF", "Abstract from HF", {}, "huggingface");
    hf.authors = {{"HF Author", {}}};
    auto s2 = make_paper("2606.00001", "", "Abstract from S2", {}, "semantic_scholar");
    s2.published = at(2026y / June / 1);
    auto merged = merge({{s2}, {hf}, {arxiv}});
    BOOST_REQUIRE(merged.size() == 1u);
    BOOST_TEST(merged[0].title == "Title from arXiv");
    BOOST_TEST(merged[0].abstract == "Abstract from HF");
    BOOST_TEST(merged[0].authors.at(0).name == "HF Author");
    BOOST_TEST(iso(merged[0].published) == "2026-06-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(versions_of_one_paper_merge_and_the_latest_wins) {
    auto v1 = make_paper("2403.16981", "Old title", "old", {"math.ST"});
    v1.version = "v1";
    v1.published = v1.updated = at(2024y / March / 25);
    auto v2 = make_paper("2403.16981v2", "The Sample Complexity of Simple Binary Hypothesis Testing", "new",
                         {"math.ST", "cs.IT", "stat.ML"});
    v2.published = at(2024y / March / 25);
    v2.updated = at(2025y / May / 24);
    auto v10 = make_paper("2403.16981", "", "", {}, "huggingface");
    v10.version = "v10";  // numerically, not lexically, the highest
    auto merged = merge({{v1}, {v2}, {v10}});
    BOOST_REQUIRE(merged.size() == 1u);
    const auto& p = merged[0];
    BOOST_TEST(p.arxiv_id == "2403.16981");
    BOOST_TEST(p.version == "v10");
    BOOST_TEST(p.title == "The Sample Complexity of Simple Binary Hypothesis Testing");
    BOOST_TEST(p.abstract == "new");
    BOOST_TEST(p.categories.size() == 3u);
    BOOST_TEST(iso(p.updated) == "2025-05-24T00:00:00Z");
    BOOST_TEST(p.sources == (std::vector<std::string>{"arxiv", "huggingface"}));
}

BOOST_AUTO_TEST_CASE(counts_take_the_largest_and_listing_day_the_earliest) {
    auto monday = make_paper("2606.00002", "x", "", {}, "huggingface");
    monday.signals.hf_upvotes = 12;
    monday.signals.hf_submitted_on = sys_days{2026y / June / 8};
    auto tuesday = monday;
    tuesday.signals.hf_upvotes = 5;
    tuesday.signals.github_stars = 40;
    tuesday.signals.hf_submitted_on = sys_days{2026y / June / 9};
    auto merged = merge({{tuesday, monday}});
    BOOST_REQUIRE(merged.size() == 1u);
    BOOST_TEST(merged[0].signals.hf_upvotes == 12);
    BOOST_TEST(merged[0].signals.github_stars == 40);
    BOOST_TEST(iso(merged[0].signals.hf_submitted_on) == "2026-06-08");
    BOOST_TEST(merged[0].sources == std::vector<std::string>{"huggingface"});
}

BOOST_AUTO_TEST_CASE(papers_without_id_are_dropped_and_output_is_sorted) {
    auto no_id = make_paper("", "Differences-in-Differences", "", {}, "semantic_scholar");
    auto b = make_paper("2606.00002", "b", "");
    auto a = make_paper("2606.00001", "a", "", {}, "huggingface");
    auto old = make_paper("hep-th/9901001", "old", "");
    auto first = merge({{no_id, b}, {a, old}});
    auto second = merge({{old, a}, {b}, {no_id}});
    BOOST_REQUIRE(first.size() == 3u);
    BOOST_TEST(first[0].arxiv_id == "2606.00001");
    BOOST_TEST(first[1].arxiv_id == "2606.00002");
    BOOST_TEST(first[2].arxiv_id == "hep-th/9901001");
    BOOST_TEST((first == second));
    BOOST_TEST(merge({}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
