#include "paperboy/summarize/guarded.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <spdlog/spdlog.h>

#include "paperboy/core/text.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/faithfulness.hpp"

namespace paperboy::summarize {
namespace {

bool is_japanese(const std::string& language) {
    const std::string tag = core::ascii_lower(language);
    return tag == "ja" || tag.starts_with("ja-") || tag.starts_with("ja_");
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// One call; an exception from the summarizer is a bug there, but it costs one paper's LLM summary,
// never the digest. Cancellation (shutdown) is not a failure and goes on up.
boost::asio::awaitable<result<llm_output>> call_once(summarizer& llm, const core::paper& p, const std::string& language) {
    result<llm_output> r;
    try {
        r = co_await llm.summarize(p, language);
    } catch (const boost::system::system_error& e) {
        if (e.code() == boost::asio::error::operation_aborted) throw;
        r = error{std::string("unexpected: ") + e.what()};
    } catch (const std::exception& e) {
        r = error{std::string("unexpected: ") + e.what()};
    }
    co_return r;
}

}  // namespace

std::string fallback_note(fallback_reason reason, const std::string& language) {
    const bool failed = reason == fallback_reason::llm_error;
    if (is_japanese(language))
        return std::string("LLM による自動要約を利用できません（") +
               (failed ? "LLM への要求が失敗しました" : "アブストラクトにない数値が含まれていました") +
               "）。代わりにアブストラクトの主要な文を表示しています。";
    return std::string("Automatic LLM summary unavailable (") +
           (failed ? "the LLM request failed" : "it stated numbers not found in the abstract") +
           "); key sentences of the abstract shown instead.";
}

boost::asio::awaitable<core::summary> summarize_guarded(summarizer& llm, const core::paper& p,
                                                        const std::string& language, metrics::registry& metrics) {
    metrics.describe_counter("paperboy_summary_fallbacks_total",
                             "Summaries replaced by the extractive summary, by reason (llm_error, invented_numbers).");
    metrics.describe_counter("paperboy_summary_regenerations_total",
                             "LLM summaries asked again because they stated a number not in the abstract.");
    core::summary out;
    out.language = language;
    out.model = "extractive";
    if (p.abstract.empty()) co_return out;  // nothing to summarise or to check a summary against

    const std::string reference = p.title + "\n" + p.abstract;
    fallback_reason reason = fallback_reason::llm_error;
    for (int round = 1; round <= 2; ++round) {
        auto r = co_await call_once(llm, p, language);
        if (!r) {
            spdlog::warn("summary of {} by {} failed: {}", p.arxiv_id, llm.id(), r.err().message);
            reason = fallback_reason::llm_error;
            break;  // the HTTP client has already retried what is worth retrying
        }
        const auto invented = invented_numbers(r->text, reference);
        if (invented.empty()) {
            out.text = trimmed(r->text);
            out.model = llm.id();
            co_return out;
        }
        spdlog::warn("summary of {} by {} (round {}) states numbers not in the abstract: {}", p.arxiv_id, llm.id(),
                     round, joined(invented));
        reason = fallback_reason::invented_numbers;
        if (round == 1) metrics.add("paperboy_summary_regenerations_total", {});
    }
    const char* label = reason == fallback_reason::llm_error ? "llm_error" : "invented_numbers";
    metrics.add("paperboy_summary_fallbacks_total", {{"reason", label}});
    out.text = extract_key_sentences(p.abstract);
    out.note = fallback_note(reason, language);
    co_return out;
}

}  // namespace paperboy::summarize
