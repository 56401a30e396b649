// Summarizers against fake LLM peers on 127.0.0.1: what Anthropic and OpenAI-compatible servers
// receive, overload and rate-limit retries, errors reported without retry, slow peers, invented
// numbers regenerated once, and the extractive fallback that keeps the digest whole.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "fake_peer.hpp"
#include "io_fixture.hpp"
#include "paperboy/core/text.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/client.hpp"
#include "paperboy/summarize/anthropic.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/factory.hpp"
#include "paperboy/summarize/guarded.hpp"
#include "paperboy/summarize/openai.hpp"

using namespace paperboy;
using namespace paperboy::summarize;
using namespace std::chrono_literals;
using nlohmann::json;
using test::fake_peer;
using test::scripted_reply;

namespace {

const std::string anthropic_key = "sk-ant-test-0123456789";
const std::string clean_summary =
    "MiniMax Sparse Attention (MSA) selects key-value blocks per GQA group. On a 109B-parameter model it cuts "
    "per-token attention compute by 28.4x at 1M context, with 14.2x prefill and 7.6x decoding speedups on H800.";
const std::string invented_summary = "MSA cuts per-token attention compute by 35x at 1M context.";

core::paper minimax_paper() {
    const auto day = json::parse(test::read_file(std::string(PAPERBOY_SHARED_FIXTURES) +
                                                 "/hf_daily_papers/daily_papers_30items_2026-06-12.json"));
    for (const auto& item : day) {
        if (item["paper"]["id"] != "2606.13392") continue;
        core::paper p;
        p.arxiv_id = "2606.13392";
        p.title = item["paper"]["title"];
        p.abstract = core::collapse_whitespace(item["paper"]["summary"].get<std::string>());
        p.authors = {{"MiniMax", {}}};
        return p;
    }
    throw std::runtime_error("MiniMax paper missing from the recording");
}

scripted_reply anthropic_answer(const std::string& text) {
    json body{{"id", "msg_01"}, {"type", "message"}, {"role", "assistant"}, {"model", "claude-sonnet-4-5-20250929"},
              {"content", json::array({json{{"type", "text"}, {"text", text}}})}, {"stop_reason", "end_turn"},
              {"stop_sequence", nullptr}, {"usage", {{"input_tokens", 812}, {"output_tokens", 96}}}};
    return {200, body.dump()};
}

scripted_reply anthropic_error(unsigned status, const std::string& type, const std::string& message) {
    json body{{"type", "error"}, {"error", {{"type", type}, {"message", message}}}, {"request_id", "req_011Cfj8y"}};
    return {status, body.dump()};
}

scripted_reply openai_answer(const std::string& text, const std::string& model) {
    json body{{"id", "chatcmpl-150"}, {"object", "chat.completion"}, {"created", 1776298304}, {"model", model},
              {"choices", json::array({json{{"index", 0}, {"message", {{"role", "assistant"}, {"content", text}}},
                                            {"finish_reason", "stop"}}})},
              {"usage", {{"prompt_tokens", 700}, {"completion_tokens", 80}, {"total_tokens", 780}}}};
    return {200, body.dump()};
}

struct peers_fixture : test::io_fixture {
    fake_peer peer;
    metrics::registry metrics;
    config::config cfg = [this] {
        auto c = config::defaults();
        c.http_client.backoff_base = 5ms;
        c.http_client.backoff_max = 20ms;
        c.upstreams["anthropic"].base_url = peer.base_url();
        c.upstreams["openai"].base_url = peer.base_url() + "/v1";  // like Ollama's http://localhost:11434/v1
        return c;
    }();
    core::paper paper = minimax_paper();

    core::summary guarded_anthropic(const std::string& language = "en") {
        net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
        anthropic_summarizer llm(http, cfg.upstream("anthropic").base_url, config::secret(anthropic_key),
                                 "claude-sonnet-4-5", prompt_library(), metrics);
        return run(summarize_guarded(llm, paper, language, metrics));
    }
    result<llm_output> call_anthropic() {
        net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
        anthropic_summarizer llm(http, cfg.upstream("anthropic").base_url, config::secret(anthropic_key),
                                 "claude-sonnet-4-5", prompt_library(), metrics);
        return run(llm.summarize(paper, "en"));
    }
    core::summary guarded_openai(const std::string& key, const std::string& model) {
        net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
        openai_summarizer llm(http, cfg.upstream("openai").base_url, config::secret(key), model, prompt_library(), metrics);
        return run(summarize_guarded(llm, paper, "en", metrics));
    }
    double calls(const std::string& provider, const std::string& outcome) const {
        return metrics.value("paperboy_llm_calls_total", {{"provider", provider}, {"outcome", outcome}});
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(llm_peers, peers_fixture)

BOOST_AUTO_TEST_CASE(anthropic_receives_key_version_model_and_prompt) {
    peer.push(anthropic_answer(clean_summary));
    const auto s = guarded_anthropic();
    BOOST_TEST(s.text == clean_summary);
    BOOST_TEST(s.model == "anthropic:claude-sonnet-4-5");
    BOOST_TEST(s.note.empty());

    const auto seen = peer.requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 1u);
    const auto& r = seen[0];
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/v1/messages");
    BOOST_TEST(*r.header("x-api-key") == anthropic_key);
    BOOST_TEST(*r.header("anthropic-version") == "2023-06-01");
    BOOST_TEST(*r.header("content-type") == "application/json");
    BOOST_TEST(!r.header("Authorization"));
    const auto body = json::parse(r.body);
    BOOST_TEST(body["model"] == "claude-sonnet-4-5");
    BOOST_TEST(body["max_tokens"] == 1024);
    BOOST_TEST(body["system"].get<std::string>().find("busy machine-learning researchers") != std::string::npos);
    BOOST_REQUIRE_EQUAL(body["messages"].size(), 1u);
    BOOST_TEST(body["messages"][0]["role"] == "user");
    const auto user = body["messages"][0]["content"].get<std::string>();
    BOOST_TEST(user.find("Title: MiniMax Sparse Attention\n") == 0u);
    BOOST_TEST(user.find(paper.abstract) != std::string::npos);

    BOOST_TEST(calls("anthropic", "ok") == 1);
    BOOST_TEST(metrics.value("paperboy_llm_tokens_total", {{"provider", "anthropic"}, {"direction", "input"}}) == 812);
    BOOST_TEST(metrics.value("paperboy_llm_tokens_total", {{"provider", "anthropic"}, {"direction", "output"}}) == 96);
}

BOOST_AUTO_TEST_CASE(japanese_digest_sends_the_japanese_prompt) {
    peer.push(anthropic_answer("MSA は 1M コンテキストでトークンあたりの注意計算量を 28.4 倍削減する。"));
    const auto s = guarded_anthropic("ja");
    BOOST_TEST(s.language == "ja");
    BOOST_TEST(s.model == "anthropic:claude-sonnet-4-5");
    const auto body = json::parse(peer.requests().at(0).body);
    BOOST_TEST(body["system"].get<std::string>().find("日本語で") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(overloaded_529_is_retried_by_the_client) {
    peer.push(anthropic_error(529, "overloaded_error", "Overloaded"));
    peer.push(anthropic_answer(clean_summary));
    auto out = call_anthropic();
    BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? std::string() : out.err().message));
    BOOST_TEST(out->text == clean_summary);
    BOOST_TEST(out->model == "claude-sonnet-4-5-20250929");
    BOOST_TEST(peer.request_count() == 2u);
    BOOST_TEST(metrics.value("paperboy_upstream_retries_total", {{"upstream", "anthropic"}}) == 1);
    BOOST_TEST(calls("anthropic", "ok") == 1);
}

BOOST_AUTO_TEST_CASE(rate_limit_429_waits_for_retry_after) {
    auto limited = anthropic_error(429, "rate_limit_error", "Number of request tokens has exceeded your rate limit");
    limited.headers.push_back({"retry-after", "1"});
    peer.push(limited);
    peer.push(anthropic_answer(clean_summary));
    auto out = call_anthropic();
    BOOST_REQUIRE(out);
    const auto seen = peer.requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 2u);
    BOOST_TEST((seen[1].arrived - seen[0].arrived >= 900ms));  // waited as asked, not the 5 ms backoff
}

BOOST_AUTO_TEST_CASE(persistent_overload_is_reported_with_the_error_type) {
    cfg.upstreams["anthropic"].max_retries = 2;
    peer.set_handler([](const test::recorded_request&) { return anthropic_error(529, "overloaded_error", "Overloaded"); });
    auto out = call_anthropic();
    BOOST_REQUIRE(!out);
    BOOST_TEST(out.err().message == "anthropic: HTTP 529: overloaded_error: Overloaded (after 3 attempts)");
    BOOST_TEST(calls("anthropic", "529") == 1);
}

BOOST_AUTO_TEST_CASE(bad_request_400_is_reported_without_retry) {
    peer.set_handler([](const test::recorded_request&) {
        return anthropic_error(400, "invalid_request_error", "max_tokens: Field required");
    });
    auto out = call_anthropic();
    BOOST_REQUIRE(!out);
    BOOST_TEST(out.err().message == "anthropic: HTTP 400: invalid_request_error: max_tokens: Field required (after 1 attempt)");
    BOOST_TEST(out.err().message.find(anthropic_key) == std::string::npos);
    BOOST_TEST(peer.request_count() == 1u);
    BOOST_TEST(calls("anthropic", "400") == 1);

    const auto s = guarded_anthropic();  // in a digest: the paper keeps an extractive summary
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(s.text == extract_key_sentences(paper.abstract));
    BOOST_TEST(s.note == fallback_note(fallback_reason::llm_error, "en"));
    BOOST_TEST(peer.request_count() == 2u);  // one call, no regeneration after a failure
}

BOOST_AUTO_TEST_CASE(an_echoed_key_is_redacted) {
    peer.set_handler([](const test::recorded_request& r) {
        return anthropic_error(401, "authentication_error", "invalid x-api-key " + std::string(*r.header("x-api-key")));
    });
    auto out = call_anthropic();
    BOOST_REQUIRE(!out);
    BOOST_TEST(out.err().message == "anthropic: HTTP 401: authentication_error: invalid x-api-key [redacted] (after 1 attempt)");
}

BOOST_AUTO_TEST_CASE(a_peer_slower_than_the_timeout_falls_back_with_a_note) {
    cfg.upstreams["anthropic"].timeout = 300ms;
    cfg.upstreams["anthropic"].max_retries = 1;
    peer.set_handler([](const test::recorded_request&) {
        auto late = anthropic_answer(clean_summary);
        late.delay = 2s;
        return late;
    });
    const auto started = std::chrono::steady_clock::now();
    const auto s = guarded_anthropic("ja");
    BOOST_TEST((std::chrono::steady_clock::now() - started < 1800ms));  // gave up at the deadlines, not after the peer
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(s.text == extract_key_sentences(paper.abstract));
    BOOST_TEST(s.note == fallback_note(fallback_reason::llm_error, "ja"));
    BOOST_TEST(peer.request_count() == 2u);  // the attempt and the client's one retry
    BOOST_TEST(calls("anthropic", "transport") == 1);
    BOOST_TEST(metrics.value("paperboy_summary_fallbacks_total", {{"reason", "llm_error"}}) == 1);
}

BOOST_AUTO_TEST_CASE(local_ollama_without_key_gets_no_authorization_header) {
    peer.push(openai_answer("<think>\nshort\n</think>\n" + clean_summary, "qwen3:0.6b"));
    const auto s = guarded_openai("", "qwen3:0.6b");
    BOOST_TEST(s.text == clean_summary);
    BOOST_TEST(s.model == "openai:qwen3:0.6b");
    const auto r = peer.requests().at(0);
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/v1/chat/completions");
    BOOST_TEST(!r.header("Authorization"));
    BOOST_TEST(*r.header("content-type") == "application/json");
    const auto body = json::parse(r.body);
    BOOST_TEST(body["model"] == "qwen3:0.6b");
    BOOST_TEST(body["max_tokens"] == 1024);
    BOOST_TEST(body["temperature"].get<double>() == 0.2);
    BOOST_TEST(body["messages"][0]["role"] == "system");
    BOOST_TEST(body["messages"][1]["role"] == "user");
    BOOST_TEST(body["messages"][1]["content"].get<std::string>().find(paper.abstract) != std::string::npos);
    BOOST_TEST(metrics.value("paperboy_llm_tokens_total", {{"provider", "openai"}, {"direction", "input"}}) == 700);
}

BOOST_AUTO_TEST_CASE(openai_with_key_sends_bearer) {
    peer.push(openai_answer(clean_summary, "gpt-4o-mini-2024-07-18"));
    const auto s = guarded_openai("sk-test-openai", "gpt-4o-mini");
    BOOST_TEST(s.model == "openai:gpt-4o-mini");
    BOOST_TEST(*peer.requests().at(0).header("Authorization") == "Bearer sk-test-openai");
}

BOOST_AUTO_TEST_CASE(openai_errors_fall_back) {
    peer.set_handler([](const test::recorded_request&) {
        return scripted_reply{404, R"({"error":{"message":"model 'llama9' not found","type":"api_error","param":null,"code":null}})"};
    });
    const auto s = guarded_openai("", "llama9");
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(!s.note.empty());
    BOOST_TEST(peer.request_count() == 1u);
    BOOST_TEST(calls("openai", "404") == 1);
}

BOOST_AUTO_TEST_CASE(an_invented_number_is_regenerated_and_the_clean_answer_kept) {
    peer.push(anthropic_answer(invented_summary));
    peer.push(anthropic_answer(clean_summary));
    const auto s = guarded_anthropic();
    BOOST_TEST(s.text == clean_summary);
    BOOST_TEST(s.model == "anthropic:claude-sonnet-4-5");
    BOOST_TEST(s.note.empty());
    BOOST_TEST(peer.request_count() == 2u);
    BOOST_TEST(calls("anthropic", "ok") == 2);
    BOOST_TEST(metrics.value("paperboy_summary_regenerations_total", {}) == 1);
}

BOOST_AUTO_TEST_CASE(invented_twice_gives_the_extractive_summary_with_a_note) {
    peer.push(anthropic_answer(invented_summary));
    peer.push(anthropic_answer("MSA reaches 97% of dense quality at 1M context."));
    const auto s = guarded_anthropic();
    BOOST_TEST(s.model == "extractive");
    BOOST_TEST(s.text == extract_key_sentences(paper.abstract));
    BOOST_TEST(s.note == fallback_note(fallback_reason::invented_numbers, "en"));
    BOOST_TEST(peer.request_count() == 2u);
    BOOST_TEST(metrics.value("paperboy_summary_fallbacks_total", {{"reason", "invented_numbers"}}) == 1);
}

BOOST_AUTO_TEST_CASE(factory_follows_the_configuration) {
    net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    BOOST_TEST(make_summarizer(cfg, http, metrics)->id() == "extractive");  // no key: the offline default
    cfg.secret.openai_api_key = config::secret("sk-test-openai");
    BOOST_TEST(make_summarizer(cfg, http, metrics)->id() == "openai:gpt-4o-mini");
    cfg.secret.anthropic_api_key = config::secret(anthropic_key);
    BOOST_TEST(make_summarizer(cfg, http, metrics)->id() == "anthropic:claude-sonnet-4-5");
    cfg.summarizer.kind = "openai";
    cfg.summarizer.model = "llama3.1:8b";
    cfg.secret.openai_api_key.reset();  // local server: no key needed
    auto local = make_summarizer(cfg, http, metrics);
    BOOST_TEST(local->id() == "openai:llama3.1:8b");
    BOOST_TEST(local->prompt_version("ja") == prompt_library().version("ja"));

    peer.push(openai_answer(clean_summary, "llama3.1:8b"));
    const auto s = run(summarize_guarded(*local, paper, "en", metrics));
    BOOST_TEST(s.model == "openai:llama3.1:8b");
    BOOST_TEST(!peer.requests().at(0).header("Authorization"));

    cfg.summarizer.kind = "anthropic";
    cfg.secret.anthropic_api_key.reset();
    BOOST_CHECK_THROW(make_summarizer(cfg, http, metrics), config::config_error);
    cfg.summarizer.kind = "gpt";
    BOOST_CHECK_THROW(make_summarizer(cfg, http, metrics), config::config_error);
}

BOOST_AUTO_TEST_SUITE_END()
