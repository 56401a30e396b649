#pragma once
// The part both LLM providers share (private to paperboy_summarize): send one request through
// http_client, count calls and tokens, turn non-200 answers into errors with the provider's own
// error text, and make sure the key never shows up in an error message.
#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>

#include "paperboy/net/client.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::summarize::detail {

struct llm_call {
    std::string provider;  // "anthropic" | "openai": upstream name and metrics label
    net::client_request request;
    std::string secret;  // redacted from every message, in case a server echoes it
    result<llm_output> (*parse)(std::string_view body);
    std::string (*parse_error)(std::string_view body);
};

void describe_llm_metrics(metrics::registry& metrics);

boost::asio::awaitable<result<llm_output>> perform(net::http_client& http, metrics::registry& metrics, llm_call call);

// First 200 bytes of a body on one line: enough to tell an HTML error page from JSON.
std::string excerpt(std::string_view body);

// `base` without trailing slashes, so "<base>/v1/messages" never has "//".
std::string join_url(std::string_view base, std::string_view path);

}  // namespace paperboy::summarize::detail
