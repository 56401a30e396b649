// The faithfulness guard and fallback over a scripted summarizer (no network): accepted answers,
// one regeneration, extractive fallback with a note in the target language, counted.
#include <boost/test/unit_test.hpp>

#include <deque>

#include "io_fixture.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/guarded.hpp"

using namespace paperboy;
using namespace paperboy::summarize;

namespace {

class scripted_summarizer final : public summarizer {
public:
    std::deque<result<llm_output>> answers;
    bool throw_instead = false;
    int calls = 0;

    std::string id() const override { return "anthropic:claude-test"; }
    std::string prompt_version(const std::string&) const override { return "v"; }
    boost::asio::awaitable<result<llm_output>> summarize(const core::paper&, const std::string&) override {
        ++calls;
        if (throw_instead) throw std::runtime_error("bug in a parser");
        auto next = std::move(answers.front());
        answers.pop_front();
        co_return next;
    }
};

llm_output answer(std::string text) { return {std::move(text), "claude-test-20260101", 100, 40}; }

struct guard_fixture : test::io_fixture {
    metrics::registry metrics;
    scripted_summarizer llm;
    core::paper paper = [] {
        core::paper p;
        p.arxiv_id = "2606.13392";
        p.title = "MiniMax Sparse Attention";
        p.abstract =
            "We introduce MiniMax Sparse Attention (MSA), a blockwise sparse attention. On a 109B-parameter model, "
            "MSA reduces per-token attention compute by 28.4x at 1M context. Our kernel is available online.";
        return p;
    }();

    core::summary guarded(const std::string& language = "en") { return run(summarize_guarded(llm, paper, language, metrics)); }
    double fallbacks(const std::string& reason) const {
        return metrics.value("paperboy_summary_fallbacks_total", {{"reason", reason}});
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(guarded, guard_fixture)

BOOST_AUTO_TEST_CASE(a_faithful_summary_is_used_as_is) {
    llm.answers.push_back(answer("  MSA cuts attention compute 28.4x at 1M context.\n"));
    const auto s = guarded();
    BOOST_TEST(s.text == "MSA cuts attention compute 28.4x at 1M context.");
    BOOST_TEST(s.model == "anthropic:claude-test");
    BOOST_TEST(s.language == "en");
    BOOST_TEST(s.note.empty());
    BOOST_TEST(llm.calls == 1);
}

BOOST_AUTO_TEST_CASE(an_invented_number_is_asked_again_once) {
    llm.answers.push_back(answer("MSA cuts compute 30x."));
    llm.answers.push_back(answer("MSA cuts compute 28.4x."));
    const auto s = guarded();
    BOOST_TEST(s.text == "MSA cuts compute 28.4x.");
    BOOST_TEST(s.model == "anthropic:claude-test");
    BOOST_TEST(s.note.empty());
    BOOST_TEST(llm.calls == 2);
    BOOST_TEST(metrics.value("paperboy_summary_regenerations_total", {}) == 1);
    BOOST_TEST(fallbacks("invented_numbers") == 0);
}

BOOST_AUTO_TEST_CASE(invented_twice_falls_back_to_the_abstract_with_a_note) {
    llm.answers.push_back(answer("MSA cuts compute 30x."));
    llm.answers.push_back(answer("MSA reaches 97% accuracy."));
    const auto s = guarded();
    BOOST_TEST(s.text == extract_key_sentences(paper.abstract));
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(s.note ==
               "Automatic LLM summary unavailable (it stated numbers not found in the abstract); key sentences of the "
               "abstract shown instead.");
    BOOST_TEST(llm.calls == 2);
    BOOST_TEST(fallbacks("invented_numbers") == 1);
}

BOOST_AUTO_TEST_CASE(a_failed_call_falls_back_at_once_in_japanese) {
    llm.answers.push_back(error{"anthropic: HTTP 529: overloaded_error: Overloaded (after 5 attempts)"});
    const auto s = guarded("ja");
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(s.language == "ja");
    BOOST_TEST(s.note ==
               "LLM による自動要約を利用できません（LLM への要求が失敗しました）。代わりにアブストラクトの主要な文を表示しています。");
    BOOST_TEST(llm.calls == 1);  // the client has retried already
    BOOST_TEST(fallbacks("llm_error") == 1);
}

BOOST_AUTO_TEST_CASE(a_failure_on_the_second_call_is_an_llm_error) {
    llm.answers.push_back(answer("MSA cuts compute 30x."));
    llm.answers.push_back(error{"openai: timeout"});
    const auto s = guarded();
    BOOST_TEST(s.note == fallback_note(fallback_reason::llm_error, "en"));
    BOOST_TEST(fallbacks("llm_error") == 1);
}

BOOST_AUTO_TEST_CASE(an_exception_from_the_summarizer_costs_only_this_summary) {
    llm.throw_instead = true;
    const auto s = guarded();
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(!s.note.empty());
    BOOST_TEST(fallbacks("llm_error") == 1);
}

BOOST_AUTO_TEST_CASE(numbers_from_the_title_are_not_invented) {
    paper.title = "Scaling to 512 Experts";
    llm.answers.push_back(answer("The model scales to 512 experts and cuts compute 28.4x."));
    BOOST_TEST(guarded().model == "anthropic:claude-test");
}

BOOST_AUTO_TEST_CASE(no_abstract_no_call) {
    paper.abstract.clear();
    const auto s = guarded();
    BOOST_TEST(llm.calls == 0);
    BOOST_TEST(s.text.empty());
    BOOST_TEST(s.model == "extractive");
}

BOOST_AUTO_TEST_CASE(the_extractive_summarizer_needs_no_note) {
    extractive_summarizer ex;
    const auto s = run(summarize_guarded(ex, paper, "ja", metrics));
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(s.note.empty());
    BOOST_TEST(s.text == extract_key_sentences(paper.abstract));
}

BOOST_AUTO_TEST_CASE(notes_in_other_languages_are_english) {
    BOOST_TEST(fallback_note(fallback_reason::llm_error, "de") ==
               "Automatic LLM summary unavailable (the LLM request failed); key sentences of the abstract shown instead.");
    BOOST_TEST(fallback_note(fallback_reason::invented_numbers, "ja-JP").starts_with("LLM による自動要約"));
}

BOOST_AUTO_TEST_SUITE_END()
