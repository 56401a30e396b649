#pragma once
// The built-in summarizer: no network, no key. It quotes the key sentences of the abstract
// verbatim, so it can neither invent anything nor translate: the "summary" stays in the abstract's
// language whatever language is asked for. It is the default when no LLM key is set and the
// fallback whenever an LLM summary cannot be used.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::summarize {

// Sentences of `text`, each a verbatim (trimmed) slice of it. Ends at . ! ? followed by white space
// (closing quotes and brackets stay with their sentence) and at Japanese 。！？. Does not split
// inside decimals ("18.6x"), abbreviations ("e.g.", "i.e.", "et al.", "Fig. 3", initials) or
// before a lower-case word.
std::vector<std::string_view> split_sentences(std::string_view text);

// The `max_sentences` best sentences of `abstract` in their original order, verbatim, joined by a
// space (nothing between Japanese sentences). Scores favour contribution and result sentences
// ("we propose", "outperform", "achieve", numbers, "%", 提案, 達成) and the opening sentence, and
// penalise code/URL lines and fragments; picking is greedy with a redundancy penalty, so a
// contribution sentence is not crowded out by three result sentences (or vice versa).
std::string extract_key_sentences(std::string_view abstract, std::size_t max_sentences = 3);

class extractive_summarizer final : public summarizer {
public:
    explicit extractive_summarizer(std::size_t max_sentences = 3) : max_sentences_(max_sentences) {}

    std::string id() const override { return "extractive"; }
    // Versions the selection rules, so improving them refreshes cached extracts.
    std::string prompt_version(const std::string&) const override { return "extractive-1"; }
    // Ignores `language` (see above); never fails; model "extractive", no tokens.
    boost::asio::awaitable<result<llm_output>> summarize(const core::paper& p, const std::string& language) override;

private:
    std::size_t max_sentences_;
};

}  // namespace paperboy::summarize
