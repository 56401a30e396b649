#include "llm_call.hpp"

#include "paperboy/core/text.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::summarize::detail {

namespace {

std::string redact(std::string message, const std::string& secret) {
    if (secret.empty()) return message;
    for (auto at = message.find(secret); at != std::string::npos; at = message.find(secret, at))
        message.replace(at, secret.size(), "[redacted]");
    return message;
}

std::string attempts(int n) { return " (after " + std::to_string(n) + " attempt" + (n == 1 ? "" : "s") + ")"; }

}  // namespace

std::string excerpt(std::string_view body) {
    return core::collapse_whitespace(body.substr(0, core::utf8_prefix_length(body, 200)));
}

std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    return std::string(base) + std::string(path);
}

void describe_llm_metrics(metrics::registry& metrics) {
    metrics.describe_counter("paperboy_llm_calls_total",
                             "LLM summarization calls by provider and outcome (ok, HTTP status, transport, invalid).");
    metrics.describe_counter("paperboy_llm_tokens_total", "LLM tokens by provider and direction (input, output).");
}

boost::asio::awaitable<result<llm_output>> perform(net::http_client& http, metrics::registry& metrics, llm_call call) {
    const auto count = [&](const std::string& outcome) {
        metrics.add("paperboy_llm_calls_total", {{"provider", call.provider}, {"outcome", outcome}});
    };
    call.request.upstream = call.provider;
    auto res = co_await http.send(std::move(call.request));
    if (!res) {
        count("transport");
        // The client's message already starts with the upstream name: "anthropic: timeout: ...".
        co_return error{redact(res.err().message, call.secret)};
    }
    if (res->status != 200) {
        count(std::to_string(res->status));
        co_return error{redact(call.provider + ": HTTP " + std::to_string(res->status) + ": " +
                                   call.parse_error(res->body) + attempts(res->attempts),
                               call.secret)};
    }
    auto out = call.parse(res->body);
    if (!out) {
        count("invalid");
        co_return error{redact(call.provider + ": " + out.err().message, call.secret)};
    }
    count("ok");
    metrics.add("paperboy_llm_tokens_total", {{"provider", call.provider}, {"direction", "input"}}, out->input_tokens);
    metrics.add("paperboy_llm_tokens_total", {{"provider", call.provider}, {"direction", "output"}}, out->output_tokens);
    co_return out;
}

}  // namespace paperboy::summarize::detail
