#include "paperboy/summarize/openai.hpp"

#include "paperboy/json/fields.hpp"
#include "llm_call.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::summarize {

using namespace paperboy::json_fields;

namespace {

// Reasoning models served by llama.cpp or vLLM (Qwen3, DeepSeek-R1) may put their thoughts first.
std::string drop_think_block(std::string text) {
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos || text.compare(start, 7, "<think>") != 0) return text;
    const auto end = text.find("</think>", start);
    if (end == std::string::npos) return {};  // cut off while thinking: no summary in it
    return text.substr(end + 8);
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

std::string openai_request_body(const std::string& model, int max_tokens, const prompt& pr) {
    json body{{"model", model},
              {"messages", json::array({json{{"role", "system"}, {"content", pr.system}},
                                        json{{"role", "user"}, {"content", pr.user}}})},
              {"max_tokens", max_tokens},
              {"temperature", 0.2}};
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

result<llm_output> parse_openai_response(std::string_view body) {
    const json doc = parse(body);
    if (!doc.is_object()) return error{"response is not a JSON object: " + detail::excerpt(body)};
    const json* choices = array_at(doc, "choices");
    if (!choices || choices->empty()) return error{"response has no choices"};
    const json& first = choices->front();
    llm_output out;
    out.model = string_at(doc, "model").value_or("");
    if (const json* usage = object_at(doc, "usage")) {
        out.input_tokens = int_at(*usage, "prompt_tokens").value_or(0);
        out.output_tokens = int_at(*usage, "completion_tokens").value_or(0);
    }
    const auto finish = string_at(first, "finish_reason").value_or("");
    if (finish == "length") return error{"summary cut off at max_tokens"};
    if (finish == "content_filter") return error{"the answer was withheld by a content filter"};
    if (const json* message = object_at(first, "message")) out.text = trimmed(drop_think_block(string_at(*message, "content").value_or("")));
    if (out.text.empty()) return error{"response has no text"};
    return out;
}

std::string parse_openai_error(std::string_view body) {
    const json doc = parse(body);
    if (!doc.is_object()) return detail::excerpt(body);
    if (auto text = string_at(doc, "error")) return *text;
    const json* e = object_at(doc, "error");
    if (!e) e = &doc;  // vLLM's older flat shape
    const auto message = string_at(*e, "message");
    if (!message) return detail::excerpt(body);
    std::string out = string_at(*e, "type").value_or("error");
    if (auto code = string_at(*e, "code")) out += " (" + *code + ")";
    else if (auto number = int_at(*e, "code")) out += " (" + std::to_string(*number) + ")";
    return out + ": " + *message;
}

openai_summarizer::openai_summarizer(net::http_client& http, std::string base_url, config::secret api_key,
                                     std::string model, prompt_library prompts, metrics::registry& metrics,
                                     int max_tokens)
    : http_(http), base_(std::move(base_url)), key_(std::move(api_key)), model_(std::move(model)),
      prompts_(std::move(prompts)), metrics_(metrics), max_tokens_(max_tokens) {
    detail::describe_llm_metrics(metrics_);
}

boost::asio::awaitable<result<llm_output>> openai_summarizer::summarize(const core::paper& p,
                                                                       const std::string& language) {
    detail::llm_call call{"openai", {}, key_.reveal(), parse_openai_response, parse_openai_error};
    call.request.method = "POST";
    call.request.url = detail::join_url(base_, "/chat/completions");
    call.request.headers = {{"content-type", "application/json"}};
    if (!key_.empty()) call.request.headers.push_back({"Authorization", "Bearer " + key_.reveal()});
    call.request.body = openai_request_body(model_, max_tokens_, prompts_.render(p, language));
    co_return co_await detail::perform(http_, metrics_, std::move(call));
}

}  // namespace paperboy::summarize
