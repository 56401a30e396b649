#pragma once
// OpenAI-compatible chat completions (POST <base>/chat/completions): OpenAI, vLLM, Ollama,
// llama.cpp server. The base URL includes the API version path ("https://api.openai.com/v1",
// "http://localhost:11434/v1"), as upstreams.openai.base_url does. The key is optional: local
// servers usually run without one, and then no Authorization header is sent at all.
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

// {"model","messages":[system,user],"max_tokens","temperature":0.2}. max_tokens, not
// max_completion_tokens: every local server understands it, and so do OpenAI's chat models.
std::string openai_request_body(const std::string& model, int max_tokens, const prompt& pr);

// choices[0].message.content (a leading <think>...</think> block that local reasoning models put
// there is dropped), usage.prompt_tokens/completion_tokens, model. Errors: not JSON, no choices,
// null or empty content, finish_reason "length" or "content_filter".
result<llm_output> parse_openai_response(std::string_view body);

// "<type> (<code>): <message>" from {"error":{"message","type","code"}}, also vLLM's flat
// {"message","type","code"} and {"error":"text"}; else the first 200 bytes of the body on one line.
std::string parse_openai_error(std::string_view body);

class openai_summarizer final : public summarizer {
public:
    // An empty key sends no Authorization header.
    openai_summarizer(net::http_client& http, std::string base_url, config::secret api_key, std::string model,
                      prompt_library prompts, metrics::registry& metrics, int max_tokens = 1024);

    std::string id() const override { return "openai:" + model_; }
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
