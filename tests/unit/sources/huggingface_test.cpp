#include "paperboy/sources/huggingface/daily_papers.hpp"

#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace paperboy::sources::huggingface;
using namespace std::chrono;
using paperboy::test::iso;
using paperboy::test::read_fixture;

BOOST_AUTO_TEST_SUITE(huggingface_daily_papers)

const char* const recording = "hf_daily_papers/daily_papers_30items_2026-06-12.json";

BOOST_AUTO_TEST_CASE(parses_the_recorded_day) {
    auto papers = parse_daily_papers(read_fixture(recording));
    BOOST_REQUIRE_MESSAGE(papers, (papers ? "" : papers.err().message));
    BOOST_REQUIRE(papers->size() == 30u);
    for (const auto& p : *papers) {
        BOOST_TEST_CONTEXT(p.arxiv_id) {
            BOOST_TEST(!p.title.empty());
            BOOST_TEST(p.abstract.find('\n') == std::string::npos);
            BOOST_TEST(iso(p.signals.hf_submitted_on) == "2026-06-12");
            BOOST_TEST(p.signals.hf_upvotes.has_value());
            BOOST_TEST(p.signals.hf_comments.has_value());
            BOOST_TEST(p.published.has_value());
            BOOST_TEST(p.sources == std::vector<std::string>{"huggingface"});
        }
    }
    BOOST_TEST(papers->front().arxiv_id == "2606.00467");
    BOOST_TEST(papers->back().arxiv_id == "2606.13106");
}

BOOST_AUTO_TEST_CASE(item_with_github_repo_and_many_upvotes) {
    auto papers = parse_daily_papers(read_fixture(recording));
    BOOST_REQUIRE(papers);
    const auto& p = papers->at(21);
    BOOST_TEST(p.arxiv_id == "2606.13392");
    BOOST_TEST(p.version == "");
    BOOST_TEST(p.title == "MiniMax Sparse Attention");
    BOOST_TEST(p.abstract.starts_with("Ultra-long-context capability is becoming indispensable for frontier LLMs"));
    BOOST_TEST(p.abstract.ends_with("https://huggingface.co/MiniMaxAI/MiniMax-M3."));
    BOOST_REQUIRE(p.authors.size() == 11u);
    BOOST_TEST(p.authors.front().name == "Xunhao Lai");
    BOOST_TEST(p.authors.back().name == "Pengyu Zhao");
    BOOST_TEST(iso(p.published) == "2026-06-11T00:00:00Z");
    BOOST_TEST(p.abs_url == "https://arxiv.org/abs/2606.13392");
    BOOST_TEST(p.pdf_url == "https://arxiv.org/pdf/2606.13392");
    BOOST_TEST(p.signals.hf_upvotes == 103);
    BOOST_TEST(p.signals.hf_comments == 4);
    BOOST_TEST(p.signals.github_repo == "https://github.com/MiniMax-AI/MSA");
    BOOST_TEST(p.signals.github_stars == 251);
    BOOST_TEST(!p.signals.citations.has_value());

    const auto& evo = papers->at(27);
    BOOST_TEST(evo.title == "EvoArena: Tracking Memory Evolution for Robust LLM Agents in Dynamic Environments");
    BOOST_TEST(evo.signals.hf_upvotes == 118);
    BOOST_TEST(evo.signals.hf_comments == 3);
    BOOST_TEST(evo.signals.github_stars == 9);
    BOOST_TEST(papers->at(24).signals.hf_upvotes == 74);
    BOOST_TEST(papers->at(24).signals.github_stars == 86);
}

BOOST_AUTO_TEST_CASE(item_without_repo_and_zero_upvotes) {
    auto papers = parse_daily_papers(read_fixture(recording));
    BOOST_REQUIRE(papers);
    const auto& p = papers->at(0);
    BOOST_TEST(p.title == "On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task "
                          "Performance");
    BOOST_TEST(p.signals.hf_upvotes == 0);
    BOOST_TEST(p.signals.hf_comments == 2);
    BOOST_TEST(!p.signals.github_repo.has_value());
    BOOST_TEST(!p.signals.github_stars.has_value());
    BOOST_TEST(iso(p.published) == "2026-05-30T00:00:00Z");
    BOOST_REQUIRE(p.authors.size() == 3u);
    BOOST_TEST(p.authors[2].name == "R. Michael Alvarez");
    // A hard line break plus indent inside the abstract folds into one space.
    const auto& wrapped = papers->at(25);
    BOOST_TEST(wrapped.arxiv_id == "2606.13120");
    BOOST_TEST(wrapped.abstract.find("via reasoning shortcuts. In this paper, we introduce EvoBrowseComp") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_and_mistyped_fields) {
    auto papers = parse_daily_papers(R"([
      {"paper": {"title": "no id"}},
      {"paper": {"id": "2606.00001"}},
      {"paper": {"id": 2606.00002, "title": "numeric id"}},
      {"paper": {"id": "not-an-id", "title": "bad id"}},
      {"numComments": 3},
      42, null, "x",
      {"paper": {"id": "2606.00003", "title": "  Minimal\n  Item ", "upvotes": "7", "authors": "nobody",
                 "publishedAt": "yesterday", "githubStars": 1.5, "githubRepo": ""},
       "numComments": -2},
      {"paper": {"id": "2606.00004v2", "title": "Typed", "upvotes": 12, "githubStars": 3,
                 "authors": [{"name": "A"}, {"_id": "x"}, {"name": 5}, {"name": "B"}],
                 "submittedOnDailyAt": "2026-06-12T23:30:00-02:00"}, "numComments": 1}
    ])");
    BOOST_REQUIRE_MESSAGE(papers, (papers ? "" : papers.err().message));
    BOOST_REQUIRE(papers->size() == 2u);
    const auto& minimal = papers->at(0);
    BOOST_TEST(minimal.arxiv_id == "2606.00003");
    BOOST_TEST(minimal.title == "Minimal Item");
    BOOST_TEST(minimal.abstract.empty());
    BOOST_TEST(minimal.authors.empty());
    BOOST_TEST(!minimal.published.has_value());
    BOOST_TEST(minimal.signals.hf_upvotes == 0);
    BOOST_TEST(minimal.signals.hf_comments == 0);
    BOOST_TEST(!minimal.signals.github_repo.has_value());
    BOOST_TEST(!minimal.signals.github_stars.has_value());
    BOOST_TEST(!minimal.signals.hf_submitted_on.has_value());
    const auto& typed = papers->at(1);
    BOOST_TEST(typed.arxiv_id == "2606.00004");
    BOOST_TEST(typed.version == "v2");
    BOOST_TEST(typed.authors.size() == 2u);
    BOOST_TEST(typed.signals.hf_upvotes == 12);
    BOOST_TEST(typed.signals.github_stars == 3);
    BOOST_TEST(iso(typed.signals.hf_submitted_on) == "2026-06-13");  // 23:30 at -02:00 is the 13th in UTC
}

BOOST_AUTO_TEST_CASE(bad_bodies_are_errors) {
    auto empty = parse_daily_papers("[]");
    BOOST_REQUIRE(empty);
    BOOST_TEST(empty->empty());
    for (const char* body : {"", "not json", "[{\"paper\":", "{\"error\":\"Invalid date\"}", "null", "\"[]\""}) {
        auto papers = parse_daily_papers(body);
        BOOST_TEST(!papers, body);
    }
    BOOST_TEST(parse_daily_papers("{\"error\":\"x\"}").err().message ==
               "Hugging Face daily papers: expected a JSON array, got object");
    const std::string body = read_fixture(recording);
    auto cut = parse_daily_papers(std::string_view(body).substr(0, body.size() / 2));
    BOOST_REQUIRE(!cut);
    BOOST_TEST(cut.err().message == "Hugging Face daily papers: invalid JSON");
}

BOOST_AUTO_TEST_CASE(target_for_a_day) {
    BOOST_TEST(build_daily_papers_target(sys_days{2026y / June / 12}, 0, 50) ==
               "/api/daily_papers?date=2026-06-12&p=0&limit=50");
    BOOST_TEST(build_daily_papers_target(sys_days{2025y / January / 3}, 2, 100) ==
               "/api/daily_papers?date=2025-01-03&p=2&limit=100");
}

BOOST_AUTO_TEST_SUITE_END()
