#pragma once
// A digest profile: which papers a channel wants and how to rank them. Plain data; the config
// component fills it from JSON, default_llm_profile() is the built-in "LLM papers" digest.
#include <string>
#include <vector>

namespace paperboy::pipeline {

// Relative weights of the ranking terms (see rank.hpp); only their ratios matter.
struct weights {
    double upvotes = 0.3;    // Hugging Face upvotes, log-scaled
    double citations = 0.1;  // Semantic Scholar citations, log-scaled (small for new papers)
    double recency = 0.2;    // age relative to the digest day
    double keyword = 0.4;    // keyword_fit (filter.hpp)
};

struct profile {
    std::string name;
    std::vector<std::string> categories;  // arXiv categories harvested and trusted, e.g. "cs.CL"
    // Keywords are case-insensitive phrases matched on word boundaries ("agent" does not match
    // "reagent"); the last word may take a plural "s"/"es" ("LLM" matches "LLMs"), a trailing '*'
    // matches any continuation ("quantiz*"), and '-' counts as a space ("chain-of-thought").
    std::vector<std::string> include_keywords;  // on-topic but ambiguous alone ("attention", "agent")
    // Unambiguous on-topic terms ("large language model", "RLHF"): one hit anywhere accepts the
    // paper and overrides exclude_keywords; they also count, doubled, towards keyword_fit.
    std::vector<std::string> strong_keywords;
    std::vector<std::string> exclude_keywords;  // off-topic fields; veto unless a strong keyword hits
    int lookback_days = 1;
    int papers = 5;
    std::string language;  // of summaries; empty = the configured summarizer.language
    weights w;
};

// cs.CL, cs.LG, cs.AI. cs.CV is deliberately not a trusted category: most of it is vision work
// that would pass on "transformer"/"attention" alone; multimodal LLM papers there still get in
// through strong keywords (vision-language, MLLM, GUI agent ...) and through Hugging Face.
profile default_llm_profile();

}  // namespace paperboy::pipeline
