#pragma once
// One paper's summary with the faithfulness guard and the fallback that keeps a digest whole:
//  1. ask the summarizer;
//  2. if the answer states a number that is not in the title or abstract, ask once more;
//  3. if the second answer invents one too, or a call failed (after the HTTP client's own
//     retries), use the extractive summary, with `note` saying so in the target language.
// The abstract itself is never touched: the caller keeps the paper, verbatim, beside the summary.
#include <boost/asio/awaitable.hpp>

#include <string>

#include "paperboy/core/digest.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::summarize {

enum class fallback_reason { llm_error, invented_numbers };

// The reader-facing note, e.g. en: "Automatic LLM summary unavailable (the LLM request failed); key
// sentences of the abstract shown instead." Japanese for "ja"; English for other languages.
std::string fallback_note(fallback_reason reason, const std::string& language);

// Never throws for expected failures: an exception escaping the summarizer (a bug) also falls back,
// except cancellation, which propagates. model is llm.id(), or "extractive" on fallback. A paper
// without an abstract gets an empty extractive summary without a call (there is nothing to check
// a summary against). Counts paperboy_summary_fallbacks_total{reason} and
// paperboy_summary_regenerations_total.
boost::asio::awaitable<core::summary> summarize_guarded(summarizer& llm, const core::paper& p,
                                                        const std::string& language, metrics::registry& metrics);

}  // namespace paperboy::summarize
