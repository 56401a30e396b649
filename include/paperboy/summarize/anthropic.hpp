#pragma once
// Anthropic Messages API (POST <base>/v1/messages). Pure request building and response parsing,
// plus the summarizer over net::http_client, which retries 429/529/5xx itself honouring
// retry-after (upstream "anthropic"); what comes back after that is reported, not retried.
#include <string>
#include <string_view>

#include "paperboy/config/config.hpp"
#include "paperboy/summarize/prompts.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::net {
class http_client;
}
namespace paperboy::metrics {
class registry;
}

namespace paperboy::summarize {

inline constexpr const char* anthropic_version = "2023-06-01";

// {"model","max_tokens","temperature":0.2,"system","messages":[{"role":"user","content"}]}.
std::string anthropic_request_body(const std::string& model, int max_tokens, const prompt& pr);

// The text blocks of content[] joined, usage.input_tokens/output_tokens (cache reads and writes are
// not included), model. Errors: not JSON, no text, stop_reason "max_tokens" (a cut-off summary is
// not worth showing) or "refusal".
result<llm_output> parse_anthropic_response(std::string_view body);

// "<error.type>: <error.message>" from {"type":"error","error":{...}}; for anything else (a proxy's
// HTML page, Cloudflare's 413) the first 200 bytes of the body on one line.
std::string parse_anthropic_error(std::string_view body);

class anthropic_summarizer final : public summarizer {
public:
    anthropic_summarizer(net::http_client& http, std::string base_url, config::secret api_key, std::string model,
                         prompt_library prompts, metrics::registry& metrics, int max_tokens = 1024);

    std::string id() const override { return "anthropic:" + model_; }
    std::string prompt_version(const std::string& language) const override { return prompts_.version(language); }
    boost::asio::awaitable<result<llm_output>> summarize(const core::paper& p, const std::string& language) override;

private:
    net::http_client& http_;
    std::string base_;
    config::secret key_;
    std::string model_;
    prompt_library prompts_;
    metrics::registry& metrics_;
    int max_tokens_;
};

}  // namespace paperboy::summarize
