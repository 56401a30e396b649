// The digest service end to end, wired as app::services wires it: a SQLite store in a temporary
// directory, the real HTTP client, source clients and harvester against fake arXiv, Hugging Face
// and Semantic Scholar peers that answer with real recordings, and the real Anthropic summarizer
// against a fake Messages API. Cold and warm digests, restarts, languages, single-flight, history,
// summary caching, LLM failures and the faithfulness guard, every source down, one paper, progress.
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/test/unit_test.hpp>

#include "digest_fixture.hpp"
#include "paperboy/summarize/anthropic.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/guarded.hpp"

#include "paperboy/render/json.hpp"

using namespace paperboy;
using namespace std::chrono;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using namespace paperboy::test::digest_support;

namespace {

// Four requests for the same digest at the same moment (four channels asking at once).
asio::awaitable<std::vector<result<core::digest>>> four_at_once(digest::digest_service& s, sys_days day,
                                                                pipeline::profile p) {
    using namespace asio::experimental::awaitable_operators;
    auto [a, b, c, d] = co_await (s.get_or_build(day, p, "en") && s.get_or_build(day, p, "en") &&
                                  s.get_or_build(day, p, "en") && s.get_or_build(day, p, "en"));
    co_return std::vector<result<core::digest>>{std::move(a), std::move(b), std::move(c), std::move(d)};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(digest_component, digest_fixture)

BOOST_AUTO_TEST_CASE(a_cold_digest_summarises_each_selected_paper_once) {
    const auto d = build(june_13);
    BOOST_TEST(core::format_ymd(d.date) == "2026-06-13");
    BOOST_TEST(d.profile == "llm");
    BOOST_TEST(d.language == "en");
    BOOST_TEST(d.empty_reason.empty());
    BOOST_TEST(d.source_warnings.empty());
    BOOST_REQUIRE_EQUAL(d.entries.size(), 5u);
    for (std::size_t i = 0; i < d.entries.size(); ++i) {
        const auto& e = d.entries[i];
        BOOST_TEST_CONTEXT(e.paper.arxiv_id) {
            BOOST_TEST(e.number == static_cast<int>(i) + 1);
            if (i > 0) BOOST_TEST(d.entries[i - 1].score >= e.score);
            BOOST_REQUIRE(hf_abstracts().count(e.paper.arxiv_id) == 1u);
            BOOST_TEST(e.paper.abstract == hf_abstracts().at(e.paper.arxiv_id));  // verbatim, beside the summary
            BOOST_TEST(e.summary.model == model_id);
            BOOST_TEST(e.summary.language == "en");
            BOOST_TEST(e.summary.note.empty());
            BOOST_TEST(e.summary.text == fake_anthropic::faithful_summary(e.paper.abstract));
        }
    }
    const auto ids = ids_of(d);
    BOOST_TEST(std::set<std::string>(ids.begin(), ids.end()).size() == 5u);
    BOOST_TEST(std::count(ids.begin(), ids.end(), "2606.13392") == 1);  // 103 upvotes, 12 citations
    BOOST_TEST(anthropic.calls() == 5u);  // one per distinct paper
    for (const auto& r : anthropic.peer.requests()) {
        BOOST_TEST(*r.header("x-api-key") == "sk-ant-test-key");
        BOOST_TEST(*r.header("anthropic-version") == summarize::anthropic_version);
        const auto body = nlohmann::json::parse(r.body);
        BOOST_TEST(body["model"] == "claude-sonnet-4-5");
    }
    BOOST_TEST(metrics.value("paperboy_digests_built_total", {{"profile", "llm"}}) == 1);
    BOOST_TEST(metrics.value("paperboy_summary_cache_total", {{"outcome", "miss"}}) == 5);
    BOOST_TEST(stored(june_13).has_value());
    BOOST_TEST(sources.hf_day_requests("2026-06-12") == 1u);
}

BOOST_AUTO_TEST_CASE(a_warm_digest_comes_from_the_store) {
    const auto cold = build(june_13);
    const auto source_requests = sources.requests();
    const auto warm = build(june_13);
    BOOST_TEST((warm == cold));
    BOOST_TEST(anthropic.calls() == 5u);  // no new LLM call
    BOOST_TEST(sources.requests() == source_requests);  // no new harvest
    BOOST_TEST(metrics.value("paperboy_digests_built_total", {{"profile", "llm"}}) == 1);
}

BOOST_AUTO_TEST_CASE(a_restart_keeps_the_digest_and_the_summaries) {
    const auto cold = build(june_13);
    const auto source_requests = sources.requests();
    restart();
    BOOST_TEST((build(june_13) == cold));
    BOOST_TEST(anthropic.calls() == 5u);
    BOOST_TEST(sources.requests() == source_requests);
    // The summaries themselves survived too: asking for one paper again costs no call.
    const auto s = run(service().summary_for(cold.entries.front().paper, "en"));
    BOOST_TEST(s.model == model_id);
    BOOST_TEST(s.text == cold.entries.front().summary.text);
    BOOST_TEST(anthropic.calls() == 5u);
}

BOOST_AUTO_TEST_CASE(the_same_day_in_japanese_carries_the_same_papers_with_new_summaries) {
    const auto en = build(june_13);
    const auto ja = build(june_13, "ja");
    BOOST_TEST(ja.language == "ja");
    BOOST_TEST(ids_of(ja) == ids_of(en), boost::test_tools::per_element());  // history counts only earlier days
    BOOST_TEST(anthropic.calls() == 10u);  // another language is another cache key
    for (const auto& e : ja.entries) {
        BOOST_TEST(e.summary.language == "ja");
        BOOST_TEST(e.summary.model == model_id);
    }
    const auto sent = nlohmann::json::parse(anthropic.last_request_body());
    const auto system = sent["system"].get<std::string>();
    const auto user = sent["messages"][0]["content"].get<std::string>();
    BOOST_TEST(system.find("日本語") != std::string::npos, system);
    BOOST_TEST(user.find("要約してください") != std::string::npos, user);
    BOOST_TEST(stored(june_13, "en").has_value());
    BOOST_TEST(stored(june_13, "ja").has_value());
}

BOOST_AUTO_TEST_CASE(concurrent_requests_for_one_digest_share_one_build) {
    auto all = run(four_at_once(service(), june_13, profile));
    BOOST_REQUIRE_EQUAL(all.size(), 4u);
    for (const auto& d : all) BOOST_REQUIRE(d);
    for (const auto& d : all) BOOST_TEST((*d == *all.front()));
    BOOST_TEST(all.front()->entries.size() == 5u);
    BOOST_TEST(sources.hf_day_requests("2026-06-12") == 1u);  // one harvest
    BOOST_TEST(anthropic.calls() == 5u);
    BOOST_TEST(metrics.value("paperboy_digests_built_total", {{"profile", "llm"}}) == 1);
}

BOOST_AUTO_TEST_CASE(the_next_day_skips_the_papers_already_carried) {
    const auto first = build(june_13);
    const auto next = build(june_14);  // Hugging Face lists the same papers for 2026-06-13
    BOOST_TEST(sources.hf_day_requests("2026-06-13") == 1u);
    BOOST_REQUIRE(!next.entries.empty());
    const auto a = ids_of(first), b = ids_of(next);
    for (const auto& id : b) BOOST_TEST(std::count(a.begin(), a.end(), id) == 0, id << " carried twice");
    for (std::size_t i = 0; i < next.entries.size(); ++i) BOOST_TEST(next.entries[i].number == static_cast<int>(i) + 1);
    BOOST_TEST(anthropic.calls() == 5u + next.entries.size());
}

BOOST_AUTO_TEST_CASE(summaries_are_paid_for_once_across_digests) {
    const auto llm = build(june_13);
    // Another profile on the same day selects the same papers (its own history is empty): the
    // summaries cached by the first digest serve it.
    profile.name = "llm-second-team";
    const auto second = build(june_13);
    BOOST_TEST(second.profile == "llm-second-team");
    BOOST_TEST(ids_of(second) == ids_of(llm), boost::test_tools::per_element());
    for (std::size_t i = 0; i < second.entries.size(); ++i) BOOST_TEST((second.entries[i].summary == llm.entries[i].summary));
    BOOST_TEST(anthropic.calls() == 5u);
    BOOST_TEST(metrics.value("paperboy_summary_cache_total", {{"outcome", "hit"}}) == 5);
}

BOOST_AUTO_TEST_CASE(an_llm_failure_falls_back_to_extracts_that_are_not_cached) {
    anthropic.set(fake_anthropic::behaviour::invalid_request);
    const auto d = build(june_13);
    BOOST_REQUIRE_EQUAL(d.entries.size(), 5u);
    const auto note = summarize::fallback_note(summarize::fallback_reason::llm_error, "en");
    for (const auto& e : d.entries) {
        BOOST_TEST(e.summary.model == "extractive");
        BOOST_TEST(!e.summary.note.empty());
        BOOST_TEST(e.summary.note == note);
        BOOST_TEST(e.summary.text == summarize::extract_key_sentences(e.paper.abstract));
        BOOST_TEST(e.paper.abstract == hf_abstracts().at(e.paper.arxiv_id));
    }
    BOOST_TEST(anthropic.calls() == 5u);  // a 400 is not retried
    BOOST_TEST(metrics.value("paperboy_summary_fallbacks_total", {{"reason", "llm_error"}}) == 5);
    BOOST_TEST(metrics.value("paperboy_llm_calls_total", {{"provider", "anthropic"}, {"outcome", "400"}}) == 5);

    // The fallbacks were not cached: with the LLM back, asking for those papers calls it again.
    anthropic.set(fake_anthropic::behaviour::faithful);
    for (const auto& e : d.entries) {
        const auto s = run(service().summary_for(e.paper, "en"));
        BOOST_TEST(s.model == model_id);
        BOOST_TEST(s.note.empty());
    }
    BOOST_TEST(anthropic.calls() == 10u);
}

BOOST_AUTO_TEST_CASE(a_stored_digest_with_fallbacks_gets_llm_summaries_once_the_llm_is_back) {
    anthropic.set(fake_anthropic::behaviour::invalid_request);
    const auto first = build(june_13);
    BOOST_REQUIRE_EQUAL(first.entries.size(), 5u);
    BOOST_TEST(anthropic.calls() == 5u);
    anthropic.set(fake_anthropic::behaviour::faithful);
    const auto upgraded = build(june_13);  // served from the store, its stand-ins tried again
    BOOST_REQUIRE_EQUAL(upgraded.entries.size(), 5u);
    for (const auto& e : upgraded.entries) {
        BOOST_TEST(e.summary.model == model_id);
        BOOST_TEST(e.summary.note.empty());
    }
    BOOST_TEST(anthropic.calls() == 10u);
    // The improved digest was stored: a new service over the same database serves it as it is.
    restart();
    const auto again = build(june_13);
    BOOST_TEST(again.entries.at(0).summary.note.empty());
    BOOST_TEST(anthropic.calls() == 10u);
}

BOOST_AUTO_TEST_CASE(an_invented_number_is_asked_again_then_replaced_by_the_extract) {
    anthropic.set(fake_anthropic::behaviour::invented);
    const auto d = build(june_13);
    BOOST_REQUIRE_EQUAL(d.entries.size(), 5u);
    const auto note = summarize::fallback_note(summarize::fallback_reason::invented_numbers, "en");
    for (const auto& e : d.entries) {
        BOOST_TEST(e.summary.model == "extractive");
        BOOST_TEST(e.summary.note == note);
        BOOST_TEST(e.summary.text.find("98765") == std::string::npos);
    }
    BOOST_TEST(anthropic.calls() == 10u);  // each paper asked twice, then given up
    BOOST_TEST(metrics.value("paperboy_summary_regenerations_total", metrics::labels{}) == 5);
    BOOST_TEST(metrics.value("paperboy_summary_fallbacks_total", {{"reason", "invented_numbers"}}) == 5);
}

BOOST_AUTO_TEST_CASE(a_number_invented_once_is_asked_again_and_the_second_answer_kept) {
    anthropic.set(fake_anthropic::behaviour::invented_once);
    const auto d = build(june_13);
    BOOST_REQUIRE_EQUAL(d.entries.size(), 5u);
    for (const auto& e : d.entries) {
        BOOST_TEST(e.summary.model == model_id);
        BOOST_TEST(e.summary.note.empty());
        BOOST_TEST(e.summary.text == fake_anthropic::faithful_summary(e.paper.abstract));
    }
    BOOST_TEST(anthropic.calls() == 10u);
    BOOST_TEST(metrics.value("paperboy_summary_regenerations_total", metrics::labels{}) == 5);
}

BOOST_AUTO_TEST_CASE(a_day_on_which_every_source_failed_is_not_stored) {
    sources.all_down();
    cfg.upstreams["arxiv"].max_retries = 1;
    cfg.upstreams["huggingface"].max_retries = 1;
    restart();
    const auto d = build(june_13);
    BOOST_TEST(d.entries.empty());
    BOOST_TEST(d.empty_reason.starts_with("every source failed"), d.empty_reason);
    BOOST_TEST(d.source_warnings.size() == 3u);
    BOOST_TEST(anthropic.calls() == 0u);
    BOOST_TEST(!stored(june_13).has_value());
    BOOST_TEST(stack->db.direct().list_digests(10).empty());
    BOOST_TEST(stack->db.direct().posted_papers("llm", "2026-06-14").empty());

    sources.serve_recordings();
    const auto again = build(june_13);  // the next request tries again
    BOOST_TEST(again.entries.size() == 5u);
    BOOST_TEST(again.empty_reason.empty());
    BOOST_TEST(again.source_warnings.empty());
    BOOST_TEST(stored(june_13).has_value());
    BOOST_TEST(anthropic.calls() == 5u);
}

BOOST_AUTO_TEST_CASE(a_partial_digest_is_rebuilt_after_retry_partial_after) {
    sources.s2.set_handler([](const test::recorded_request&) { return test::scripted_reply{500, "oops"}; });
    cfg.upstreams["semantic_scholar"].max_retries = 0;
    restart();
    const auto partial = build(june_13);
    BOOST_TEST(partial.entries.size() == 5u);
    BOOST_TEST(partial.source_warnings == std::vector<std::string>{"Semantic Scholar"});  // a name, no upstream details
    BOOST_TEST(stored(june_13).has_value());
    const auto calls = anthropic.calls();

    sources.serve_recordings();
    clock.advance(std::chrono::minutes(29));
    BOOST_TEST(build(june_13).source_warnings.size() == 1u);  // not yet: the stored partial digest
    clock.advance(std::chrono::minutes(1));
    const auto healed = build(june_13);
    BOOST_TEST(healed.source_warnings.empty());
    BOOST_TEST(healed.entries.size() == 5u);
    // Threads and buttons already name the partial digest's papers by number: those stay.
    for (const auto& e : partial.entries)
        BOOST_TEST(healed.entries.at(static_cast<std::size_t>(e.number - 1)).paper.arxiv_id == e.paper.arxiv_id);
    BOOST_TEST(render::digest_from_json(*stored(june_13))->source_warnings.empty());
    // Summaries already paid for are reused: only papers the partial digest did not carry cost a call.
    std::size_t new_papers = 0;
    for (const auto& e : healed.entries) {
        bool carried = false;
        for (const auto& p : partial.entries) carried = carried || p.paper.arxiv_id == e.paper.arxiv_id;
        new_papers += carried ? 0 : 1;
    }
    BOOST_TEST(anthropic.calls() - calls == new_papers);
}

BOOST_AUTO_TEST_CASE(one_paper_is_fetched_from_arxiv_and_summarised) {
    auto entry = run(service().paper("2104.12255", "en"));
    BOOST_REQUIRE_MESSAGE(entry, (entry ? "" : entry.err().message));
    BOOST_TEST(entry->paper.arxiv_id == "2104.12255");
    BOOST_TEST(entry->paper.title == "0");  // the recording whose title is the number 0
    BOOST_TEST(entry->paper.abstract.starts_with("What is the funniest number in cryptography? 0."));
    BOOST_TEST(entry->summary.model == model_id);
    BOOST_TEST(entry->summary.note.empty());
    BOOST_TEST(entry->summary.text == fake_anthropic::faithful_summary(entry->paper.abstract));
    BOOST_TEST(anthropic.calls() == 1u);
    const auto asked = sources.arxiv.requests();
    BOOST_REQUIRE_EQUAL(asked.size(), 1u);
    BOOST_TEST(asked[0].target.find("/api/query?id_list=2104.12255") == 0u, asked[0].target);

    auto again = run(service().paper("2104.12255", "en"));  // the summary is cached
    BOOST_REQUIRE(again);
    BOOST_TEST(again->summary.text == entry->summary.text);
    BOOST_TEST(anthropic.calls() == 1u);

    auto missing = run(service().paper("2601.99999", "en"));
    BOOST_REQUIRE(!missing);
    BOOST_TEST(missing.err().message.find("2601.99999") != std::string::npos, missing.err().message);
}

BOOST_AUTO_TEST_CASE(progress_is_reported_as_summaries_finish) {
    std::vector<std::pair<int, int>> seen;
    service().on_progress([&seen](int done, int total) { seen.emplace_back(done, total); });
    build(june_13);
    BOOST_REQUIRE_EQUAL(seen.size(), 5u);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        BOOST_TEST(seen[i].first == static_cast<int>(i) + 1);
        BOOST_TEST(seen[i].second == 5);
    }
    BOOST_TEST((seen.back() == std::pair<int, int>{5, 5}));
    build(june_13);  // served from the store: nothing to report
    BOOST_TEST(seen.size() == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
