#include "paperboy/pipeline/rank.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "papers.hpp"

using namespace paperboy;
using namespace paperboy::pipeline;
using namespace std::chrono;
using paperboy::test::at;
using paperboy::test::make_paper;

BOOST_AUTO_TEST_SUITE(rank_and_select)

const sys_days digest_day{2026y / June / 12};

core::paper llm_paper(std::string id, int upvotes, year_month_day published) {
    auto p = make_paper(std::move(id), "Reasoning in Large Language Models", "We study LLM reasoning.", {"cs.CL"});
    p.signals.hf_upvotes = upvotes;
    p.published = at(published, 12);
    return p;
}

std::vector<std::string> ids(const std::vector<ranked>& list) {
    std::vector<std::string> out;
    for (const auto& r : list) out.push_back(r.paper.arxiv_id);
    return out;
}

BOOST_AUTO_TEST_CASE(filters_then_sorts_by_score) {
    auto biology =
        make_paper("2606.00009", "A Single-Cell Transcriptomic Atlas", "Gene expression atlas.", {"q-bio.GN"});
    biology.signals.hf_upvotes = 5000;
    biology.published = at(2026y / June / 11);
    auto ranked_list = rank(default_llm_profile(),
                            {llm_paper("2606.00001", 3, 2026y / June / 11), biology,
                             llm_paper("2606.00002", 150, 2026y / June / 11),
                             llm_paper("2606.00003", 40, 2026y / June / 11)},
                            digest_day);
    BOOST_TEST(ids(ranked_list) == (std::vector<std::string>{"2606.00002", "2606.00003", "2606.00001"}));
    for (const auto& r : ranked_list) {
        BOOST_TEST(r.score > 0.0);
        BOOST_TEST(r.score <= 1.0);
    }
}

BOOST_AUTO_TEST_CASE(recency_is_relative_to_the_digest_day) {
    auto profile = default_llm_profile();
    auto list = rank(profile,
                     {llm_paper("2606.00001", 10, 2026y / May / 20), llm_paper("2606.00002", 10, 2026y / June / 11),
                      llm_paper("2606.00003", 10, 2026y / June / 8)},
                     digest_day);
    BOOST_TEST(ids(list) == (std::vector<std::string>{"2606.00002", "2606.00003", "2606.00001"}));
    // Published the day before or on the digest day: full recency, so equal scores.
    auto same = rank(profile,
                     {llm_paper("2606.00005", 10, 2026y / June / 12), llm_paper("2606.00004", 10, 2026y / June / 11)},
                     digest_day);
    BOOST_REQUIRE(same.size() == 2u);
    BOOST_TEST(same[0].score == same[1].score);
    // Listed on HF recently counts even for an older arXiv submission.
    auto resurfaced = llm_paper("2606.00006", 10, 2026y / May / 1);
    resurfaced.signals.hf_submitted_on = sys_days{2026y / June / 11};
    auto stale = llm_paper("2606.00007", 10, 2026y / May / 1);
    BOOST_TEST(ids(rank(profile, {stale, resurfaced}, digest_day)) ==
               (std::vector<std::string>{"2606.00006", "2606.00007"}));
}

BOOST_AUTO_TEST_CASE(citations_and_weights) {
    auto cited = llm_paper("2606.00001", 0, 2026y / June / 11);
    cited.signals.citations = 80;
    auto upvoted = llm_paper("2606.00002", 80, 2026y / June / 11);
    auto profile = default_llm_profile();
    BOOST_TEST(ids(rank(profile, {cited, upvoted}, digest_day)) ==
               (std::vector<std::string>{"2606.00002", "2606.00001"}));
    profile.w = {0.0, 1.0, 0.0, 0.0};  // citations only
    BOOST_TEST(ids(rank(profile, {upvoted, cited}, digest_day)) ==
               (std::vector<std::string>{"2606.00001", "2606.00002"}));
    profile.w = {0.0, 0.0, 0.0, 0.0};  // no weights: every score 0, order by id
    auto flat = rank(profile, {upvoted, cited}, digest_day);
    BOOST_TEST(ids(flat) == (std::vector<std::string>{"2606.00001", "2606.00002"}));
    BOOST_TEST(flat[0].score == 0.0);
}

BOOST_AUTO_TEST_CASE(ties_are_broken_by_id_whatever_the_input_order) {
    std::vector<core::paper> papers;
    for (const char* id : {"2606.00042", "2606.00007", "2606.00100", "2606.00001"})
        papers.push_back(llm_paper(id, 7, 2026y / June / 11));
    const std::vector<std::string> expected{"2606.00001", "2606.00007", "2606.00042", "2606.00100"};
    auto profile = default_llm_profile();
    std::sort(papers.begin(), papers.end(), [](const auto& a, const auto& b) { return a.arxiv_id < b.arxiv_id; });
    do {
        BOOST_TEST(ids(rank(profile, papers, digest_day)) == expected);
    } while (std::next_permutation(papers.begin(), papers.end(),
                                   [](const auto& a, const auto& b) { return a.arxiv_id < b.arxiv_id; }));
}

BOOST_AUTO_TEST_CASE(select_skips_what_the_profile_already_carried) {
    auto profile = default_llm_profile();
    auto list = rank(profile,
                     {llm_paper("2606.00001", 100, 2026y / June / 11), llm_paper("2606.00002", 50, 2026y / June / 11),
                      llm_paper("2606.00003", 20, 2026y / June / 11), llm_paper("2606.00004", 10, 2026y / June / 11),
                      llm_paper("2606.00005", 5, 2026y / June / 11)},
                     digest_day);
    BOOST_REQUIRE(list.size() == 5u);
    const std::set<std::string> posted{"2606.00001", "2606.00003", "2601.99999"};
    BOOST_TEST(ids(select(list, 2, posted)) == (std::vector<std::string>{"2606.00002", "2606.00004"}));
    BOOST_TEST(ids(select(list, 10, posted)) == (std::vector<std::string>{"2606.00002", "2606.00004", "2606.00005"}));
    BOOST_TEST(ids(select(list, 3, {})) == (std::vector<std::string>{"2606.00001", "2606.00002", "2606.00003"}));
    BOOST_TEST(select(list, 0, {}).empty());
    BOOST_TEST(select(list, -1, {}).empty());
    BOOST_TEST(select({}, 5, posted).empty());
    auto doubled = list;
    doubled.insert(doubled.begin() + 1, list[0]);
    BOOST_TEST(ids(select(doubled, 2, {})) == (std::vector<std::string>{"2606.00001", "2606.00002"}));
}

BOOST_AUTO_TEST_SUITE_END()
