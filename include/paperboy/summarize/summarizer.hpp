#pragma once
// The one interface every summarizer implements: Anthropic, OpenAI-compatible and the built-in
// extractive one. Callers normally go through summarize_guarded (guarded.hpp), which checks the
// output and falls back to the extractive summary, so a digest never loses a paper's summary.
#include <boost/asio/awaitable.hpp>

#include <string>

#include "paperboy/core/paper.hpp"
#include "paperboy/core/result.hpp"

namespace paperboy::summarize {

struct llm_output {
    std::string text;   // plain text in the requested language
    std::string model;  // the model that answered, as the provider names it ("claude-sonnet-4-5-20250929")
    int input_tokens = 0;
    int output_tokens = 0;
};

class summarizer {
public:
    virtual ~summarizer() = default;

    // Cache key part: "anthropic:<model>", "openai:<model>", "extractive".
    virtual std::string id() const = 0;

    // Cache key part: changes whenever the text sent for `language` changes (prompt template hash),
    // so editing a template invalidates the summaries cached under the old one.
    virtual std::string prompt_version(const std::string& language) const = 0;

    // One summary of `p` in `language`. `p` and `language` must outlive the returned awaitable.
    // Expected failures (HTTP errors after the client's retries, timeouts, malformed or truncated
    // answers) are result errors naming the provider, status and upstream error; never the API key.
    // May be called from many coroutines at once.
    virtual boost::asio::awaitable<result<llm_output>> summarize(const core::paper& p, const std::string& language) = 0;
};

}  // namespace paperboy::summarize
