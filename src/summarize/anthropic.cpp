#include "paperboy/summarize/anthropic.hpp"

#include "paperboy/json/fields.hpp"
#include "llm_call.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::summarize {

using namespace paperboy::json_fields;

std::string anthropic_request_body(const std::string& model, int max_tokens, const prompt& pr) {
    json body{{"model", model},
              {"max_tokens", max_tokens},
              {"temperature", 0.2},  // summaries, not creative writing
              {"system", pr.system},
              {"messages", json::array({json{{"role", "user"}, {"content", pr.user}}})}};
    // Replace, not throw, on invalid UTF-8 in a scraped abstract: one odd byte must not cost the summary.
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

result<llm_output> parse_anthropic_response(std::string_view body) {
    const json doc = parse(body);
    if (!doc.is_object()) return error{"response is not a JSON object: " + detail::excerpt(body)};
    llm_output out;
    if (const json* content = array_at(doc, "content"))
        for (const auto& block : *content)  // thinking, tool_use and server-tool blocks are skipped
            if (string_at(block, "type") == "text")
                if (auto text = string_at(block, "text")) out.text += *text;
    out.model = string_at(doc, "model").value_or("");
    if (const json* usage = object_at(doc, "usage")) {
        out.input_tokens = int_at(*usage, "input_tokens").value_or(0);
        out.output_tokens = int_at(*usage, "output_tokens").value_or(0);
    }
    const auto stop = string_at(doc, "stop_reason").value_or("");
    if (stop == "max_tokens") return error{"summary cut off at max_tokens"};
    if (stop == "refusal") return error{"the model refused to summarize"};
    if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) return error{"response has no text"};
    return out;
}

std::string parse_anthropic_error(std::string_view body) {
    const json doc = parse(body);
    if (const json* e = object_at(doc, "error")) {
        const auto type = string_at(*e, "type"), message = string_at(*e, "message");
        if (type || message) return type.value_or("error") + (message ? ": " + *message : "");
    }
    return detail::excerpt(body);
}

anthropic_summarizer::anthropic_summarizer(net::http_client& http, std::string base_url, config::secret api_key,
                                           std::string model, prompt_library prompts, metrics::registry& metrics,
                                           int max_tokens)
    : http_(http), base_(std::move(base_url)), key_(std::move(api_key)), model_(std::move(model)),
      prompts_(std::move(prompts)), metrics_(metrics), max_tokens_(max_tokens) {
    detail::describe_llm_metrics(metrics_);
}

boost::asio::awaitable<result<llm_output>> anthropic_summarizer::summarize(const core::paper& p,
                                                                          const std::string& language) {
    detail::llm_call call{"anthropic", {}, key_.reveal(), parse_anthropic_response, parse_anthropic_error};
    call.request.method = "POST";
    call.request.url = detail::join_url(base_, "/v1/messages");
    call.request.headers = {{"x-api-key", key_.reveal()},
                            {"anthropic-version", anthropic_version},
                            {"content-type", "application/json"}};
    call.request.body = anthropic_request_body(model_, max_tokens_, prompts_.render(p, language));
    co_return co_await detail::perform(http_, metrics_, std::move(call));
}

}  // namespace paperboy::summarize
