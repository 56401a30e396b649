// Anthropic and OpenAI-compatible wire formats: request bodies, every recorded response in
// ../shared/fixtures/real parsed with exact fields, error bodies in each shape we know.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "fake_peer.hpp"
#include "paperboy/summarize/anthropic.hpp"
#include "paperboy/summarize/openai.hpp"

using namespace paperboy;
using namespace paperboy::summarize;
using nlohmann::json;

namespace {

std::string fixture(const std::string& path) { return test::read_file(std::string(PAPERBOY_SHARED_FIXTURES) + "/" + path); }

const prompt sample_prompt{"You summarise papers.", "Title: T\n<abstract>\nA 97% gain.\n</abstract>", "0123456789abcdef"};

}  // namespace

BOOST_AUTO_TEST_SUITE(anthropic_wire)

BOOST_AUTO_TEST_CASE(request_body_has_model_max_tokens_system_and_one_user_turn) {
    const auto body = json::parse(anthropic_request_body("claude-sonnet-4-5", 1024, sample_prompt));
    BOOST_TEST(body["model"] == "claude-sonnet-4-5");
    BOOST_TEST(body["max_tokens"] == 1024);
    BOOST_TEST(body["temperature"].get<double>() == 0.2);
    BOOST_TEST(body["system"] == "You summarise papers.");  // top level, not a message role
    BOOST_REQUIRE(body["messages"].size() == 1u);
    BOOST_TEST(body["messages"][0]["role"] == "user");
    BOOST_TEST(body["messages"][0]["content"] == sample_prompt.user);
    BOOST_TEST(!body.contains("stream"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_an_abstract_does_not_throw) {
    prompt p = sample_prompt;
    p.user += "\xff\xfe broken";
    const auto body = json::parse(anthropic_request_body("m", 10, p));
    BOOST_TEST(body["messages"][0]["content"].get<std::string>().find("broken") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(recorded_basic_message) {
    auto out = parse_anthropic_response(fixture("anthropic/messages_create_basic_200.json"));
    BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? std::string() : out.err().message));
    BOOST_TEST(out->text == "The capital of France is Paris.");
    BOOST_TEST(out->model == "claude-3-opus-20240229");
    BOOST_TEST(out->input_tokens == 20);
    BOOST_TEST(out->output_tokens == 10);
}

BOOST_AUTO_TEST_CASE(recorded_prompt_cache_read_and_write) {
    auto read = parse_anthropic_response(fixture("anthropic/messages_create_prompt_cache_read_200.json"));
    BOOST_REQUIRE(read);
    BOOST_TEST(read->text ==
               "Python is a beginner-friendly, versatile programming language widely used for web development, data "
               "science, machine learning, automation, and scientific computing.");
    BOOST_TEST(read->model == "claude-sonnet-4-5-20250929");
    BOOST_TEST(read->input_tokens == 3);  // cache_read_input_tokens (1111) is not input_tokens
    BOOST_TEST(read->output_tokens == 33);

    auto write = parse_anthropic_response(fixture("anthropic/messages_create_prompt_cache_write_200.json"));
    BOOST_REQUIRE(write);
    BOOST_TEST(write->text.starts_with("# What is Python?\n\nPython is a high-level, interpreted programming language"));
    BOOST_TEST(write->text.ends_with("used by companies like Google, Netflix, NASA, and Instagram."));
    BOOST_TEST(write->model == "claude-sonnet-4-5-20250929");
    BOOST_TEST(write->input_tokens == 3);
    BOOST_TEST(write->output_tokens == 406);
}

BOOST_AUTO_TEST_CASE(text_blocks_are_joined_and_other_blocks_skipped) {
    auto out = parse_anthropic_response(
        R"({"model":"claude-x","content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"One. "},)"
        R"({"type":"tool_use","id":"t","name":"n","input":{}},{"type":"text","text":"Two."}],"stop_reason":"end_turn",)"
        R"("usage":{"input_tokens":5,"output_tokens":"7"},"container":null})");
    BOOST_REQUIRE(out);
    BOOST_TEST(out->text == "One. Two.");
    BOOST_TEST(out->output_tokens == 0);  // a wrongly typed field is absent, never a throw
}

BOOST_AUTO_TEST_CASE(unusable_answers_are_errors) {
    const std::pair<std::string, std::string> cases[] = {
        {"<html>502 Bad Gateway</html>", "response is not a JSON object: <html>502 Bad Gateway</html>"},
        {R"({"content":[],"stop_reason":"end_turn"})", "response has no text"},
        {R"({"content":[{"type":"text","text":"A cut"}],"stop_reason":"max_tokens"})", "summary cut off at max_tokens"},
        {R"({"content":[],"stop_reason":"refusal"})", "the model refused to summarize"},
        {R"([1,2])", "response is not a JSON object: [1,2]"},
    };
    for (const auto& [body, message] : cases) {
        auto out = parse_anthropic_response(body);
        BOOST_TEST_INFO(body);
        BOOST_REQUIRE(!out);
        BOOST_TEST(out.err().message == message);
    }
}

BOOST_AUTO_TEST_CASE(error_bodies) {
    BOOST_TEST(parse_anthropic_error(fixture("anthropic/count_tokens_error_404_not_found.json")) ==
               "not_found_error: model: claude-does-not-exist");
    BOOST_TEST(parse_anthropic_error(
                   R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011Cfj8yaBh5BmnmLXvSFnGs"})") ==
               "overloaded_error: Overloaded");
    BOOST_TEST(parse_anthropic_error("<html>\n<head><title>413 Request Entity Too Large</title></head>\n</html>") ==
               "<html> <head><title>413 Request Entity Too Large</title></head> </html>");
    BOOST_TEST(parse_anthropic_error(R"({"error":{"type":"api_error"}})") == "api_error");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(openai_wire)

BOOST_AUTO_TEST_CASE(request_body_has_system_and_user_messages) {
    const auto body = json::parse(openai_request_body("gpt-4o-mini", 512, sample_prompt));
    BOOST_TEST(body["model"] == "gpt-4o-mini");
    BOOST_TEST(body["max_tokens"] == 512);
    BOOST_TEST(body["temperature"].get<double>() == 0.2);
    BOOST_REQUIRE(body["messages"].size() == 2u);
    BOOST_TEST(body["messages"][0]["role"] == "system");
    BOOST_TEST(body["messages"][0]["content"] == "You summarise papers.");
    BOOST_TEST(body["messages"][1]["role"] == "user");
    BOOST_TEST(body["messages"][1]["content"] == sample_prompt.user);
}

BOOST_AUTO_TEST_CASE(recorded_openai_completion) {
    auto out = parse_openai_response(fixture("openai_compat/openai_chat_completions_200.json"));
    BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? std::string() : out.err().message));
    BOOST_TEST(out->text == "The capital of France is Paris.");
    BOOST_TEST(out->model == "gpt-4o-2024-08-06");
    BOOST_TEST(out->input_tokens == 24);
    BOOST_TEST(out->output_tokens == 8);
}

BOOST_AUTO_TEST_CASE(recorded_ollama_completion_ignores_reasoning) {
    auto out = parse_openai_response(fixture("openai_compat/ollama_local_chat_completions_200.json"));
    BOOST_REQUIRE(out);
    BOOST_TEST(out->text == R"({ "city": "Paris", "country": "France" })");
    BOOST_TEST(out->model == "qwen3:0.6b");
    BOOST_TEST(out->input_tokens == 136);
    BOOST_TEST(out->output_tokens == 15);
}

BOOST_AUTO_TEST_CASE(think_blocks_of_local_reasoning_models_are_dropped) {
    auto out = parse_openai_response(
        R"({"model":"qwen3","choices":[{"message":{"content":"<think>\nLet me see.\n</think>\n\nThe summary."},"finish_reason":"stop"}]})");
    BOOST_REQUIRE(out);
    BOOST_TEST(out->text == "The summary.");
    BOOST_TEST(out->input_tokens == 0);  // no usage: zero, not an error
}

BOOST_AUTO_TEST_CASE(unusable_answers_are_errors) {
    const std::pair<std::string, std::string> cases[] = {
        {"not json", "response is not a JSON object: not json"},
        {R"({"choices":[]})", "response has no choices"},
        {R"({"choices":[{"message":{"content":null,"refusal":"no"},"finish_reason":"stop"}]})", "response has no text"},
        {R"({"choices":[{"message":{"content":"cut"},"finish_reason":"length"}]})", "summary cut off at max_tokens"},
        {R"({"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]})",
         "the answer was withheld by a content filter"},
        {R"({"choices":[{"message":{"content":"<think>endless"},"finish_reason":"stop"}]})", "response has no text"},
    };
    for (const auto& [body, message] : cases) {
        auto out = parse_openai_response(body);
        BOOST_TEST_INFO(body);
        BOOST_REQUIRE(!out);
        BOOST_TEST(out.err().message == message);
    }
}

BOOST_AUTO_TEST_CASE(error_bodies_in_every_known_shape) {
    BOOST_TEST(parse_openai_error(fixture("openai_compat/openai_chat_completions_error_400.json")) ==
               "invalid_request_error (unsupported_value): Unsupported value: 'messages[0].role' does not support "
               "'system' with this model.");
    // vLLM (older, flat), llama.cpp (numeric code), Ollama ({"error":"..."}), a proxy's HTML page.
    BOOST_TEST(parse_openai_error(R"({"object":"error","message":"model not found","type":"BadRequestError","param":null,"code":400})") ==
               "BadRequestError (400): model not found");
    BOOST_TEST(parse_openai_error(R"({"error":{"code":400,"message":"bad","type":"invalid_request_error"}})") ==
               "invalid_request_error (400): bad");
    BOOST_TEST(parse_openai_error(R"({"error":"model \"llama3\" not found, try pulling it first"})") ==
               "model \"llama3\" not found, try pulling it first");
    BOOST_TEST(parse_openai_error("<html><body>502</body></html>") == "<html><body>502</body></html>");
}

BOOST_AUTO_TEST_SUITE_END()
