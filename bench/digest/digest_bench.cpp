// Digest latency (bench/README.md): a cold digest against slow fake peers compared with its
// critical path, warm digests served from the store, and LLM calls per distinct paper.
// Usage: paperboy_digest_bench [WARM_CALLS=200] [COLD_RUNS=3] [FIXTURES_DIR]
//
// Everything runs in this process: fake arXiv, Hugging Face and Semantic Scholar peers answering
// from the real recordings after fixed delays, and a fake Anthropic Messages API that takes 2 s per
// call. The digest service is wired as app::services wires it (SQLite store in a temporary
// directory, real HTTP client, harvester and Anthropic summarizer) and driven by one io_context
// on one thread, as `paperboy digest` does. Prints KEY VALUE lines for run.sh.
// Exit status: 0 measured; 1 a digest failed or came out wrong; 2 usage.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <numeric>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include "fake_peer.hpp"
#include "paperboy/app/services.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/digest/digest_service.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/factory.hpp"

namespace {

namespace asio = boost::asio;
using namespace paperboy;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;
using test::recorded_request;
using test::scripted_reply;

// Delays of the fake peers (ms). The critical path of a cold digest is the slowest source, then the
// Semantic Scholar lookup of the merged ids, then one summary (all summaries run at once).
constexpr int arxiv_ms = 300, hf_ms = 500, s2_ms = 200, llm_ms = 2000;
constexpr int critical_path_ms = std::max({arxiv_ms, hf_ms, s2_ms}) + s2_ms + llm_ms;

const std::chrono::sys_days digest_day = std::chrono::sys_days{std::chrono::year{2026} / 6 / 13};

std::string fixtures_dir = PAPERBOY_SHARED_FIXTURES;
std::string fixture(const std::string& path) { return test::read_file(fixtures_dir + "/" + path); }

std::string s2_batch_for(const std::string& request_body) {
    std::string out = "[";
    for (std::size_t pos = 0; (pos = request_body.find("ARXIV:", pos)) != std::string::npos; ++pos)
        out += out.size() > 1 ? ",null" : "null";
    return out + "]";
}

// The abstract inside a Messages API request (built-in English template).
std::string first_sentence_of_abstract(const std::string& request_body) {
    auto j = nlohmann::json::parse(request_body, nullptr, false);
    if (j.is_discarded()) return "No abstract.";
    const auto user = j["messages"][0]["content"].get<std::string>();
    const auto from = user.find("<abstract>\n"), to = user.find("\n</abstract>");
    if (from == std::string::npos || to == std::string::npos) return "No abstract.";
    const auto abstract = user.substr(from + 11, to - from - 11);
    const auto sentences = summarize::split_sentences(abstract);
    return sentences.empty() ? "No abstract." : std::string(sentences.front());
}

struct fakes {
    test::fake_peer arxiv, hf, s2, llm;

    fakes() {
        const std::string window = [] {
            auto body = fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml");
            const std::string total = "<opensearch:totalResults>7432<";
            body.replace(body.find(total), total.size(), "<opensearch:totalResults>10<");
            return body;
        }();
        const std::string day = fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json");
        const std::string no_results = fixture("semantic_scholar/paper_search_no_results.json");
        const std::string message = fixture("anthropic/messages_create_basic_200.json");
        arxiv.set_handler([window](const recorded_request&) {
            return scripted_reply{200, window, "application/atom+xml", {}, std::chrono::milliseconds(arxiv_ms)};
        });
        hf.set_handler([day](const recorded_request& r) {
            const bool listed = r.target.find("date=2026-06-12&p=0&") != std::string::npos;
            return scripted_reply{200, listed ? day : "[]", "application/json", {}, std::chrono::milliseconds(hf_ms)};
        });
        s2.set_handler([no_results](const recorded_request& r) {
            return scripted_reply{200, r.method == "POST" ? s2_batch_for(r.body) : no_results, "application/json", {},
                                  std::chrono::milliseconds(s2_ms)};
        });
        llm.set_handler([message](const recorded_request& r) {
            auto body = nlohmann::json::parse(message);
            body["content"][0]["text"] = first_sentence_of_abstract(r.body);
            return scripted_reply{200, body.dump(), "application/json", {}, std::chrono::milliseconds(llm_ms)};
        });
    }

    std::size_t source_requests() const { return arxiv.request_count() + hf.request_count() + s2.request_count(); }
};

// The composition root `serve` uses, over one database file, with no proxy.
struct stack : app::services {
    static app::service_options options() {
        app::service_options o;
        o.proxy = net::proxy_settings{};
        return o;
    }
    stack(const config::config& cfg, asio::io_context& ioc, metrics::registry& m) : app::services(cfg, ioc, m, options()) {}
};

config::config bench_config(const fakes& f, const std::string& db_url, bool defaults_for_llm) {
    auto c = config::defaults();
    c.time_zone = "UTC";
    c.database.url = db_url;
    // No courtesy pacing (arXiv 3 s, Semantic Scholar 1 s by default): the fakes do not need it and
    // it would dominate the critical path.
    for (auto& [name, u] : c.upstreams) u.min_interval = 0ms;
    c.upstreams["arxiv"].base_url = f.arxiv.base_url();
    c.upstreams["huggingface"].base_url = f.hf.base_url();
    c.upstreams["semantic_scholar"].base_url = f.s2.base_url();
    c.upstreams["anthropic"].base_url = f.llm.base_url();
    if (!defaults_for_llm) {
        // Every summary of a 5-paper digest at once (defaults: 4 summaries, 4 connections).
        c.summarizer.concurrency = 8;
        c.upstreams["anthropic"].max_connections = 8;
    }
    c.summarizer.kind = "anthropic";
    c.summarizer.model = "claude-sonnet-4-5";
    c.secret.anthropic_api_key = config::secret("sk-ant-bench");
    c.profiles.at("llm").language = "en";
    config::validate(c);
    return c;
}

struct cold_result {
    double ms = 0;
    std::size_t entries = 0, distinct = 0, llm_calls = 0, source_requests = 0;
    bool all_llm = true;
};

asio::awaitable<result<core::digest>> timed_build(digest::digest_service& s, pipeline::profile p, double& ms) {
    const auto start = clock_type::now();
    auto d = co_await s.get_or_build(digest_day, std::move(p), "en");
    ms = std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
    co_return d;
}

template <class T>
T run(asio::io_context& ioc, asio::awaitable<T> work) {
    auto done = asio::co_spawn(ioc, std::move(work), asio::use_future);
    ioc.restart();
    ioc.run();
    return done.get();
}

// One cold digest on a new database and new fakes. `keep` receives the stack for the warm phase.
cold_result cold_once(const std::filesystem::path& dir, int n, bool default_llm_limits, std::unique_ptr<fakes>& f,
                      std::unique_ptr<stack>& keep, asio::io_context& ioc, metrics::registry& m) {
    f = std::make_unique<fakes>();
    static std::deque<config::config> configs;  // the HTTP client keeps a reference to its config
    configs.push_back(bench_config(*f, "sqlite:" + (dir / ("cold" + std::to_string(n) + ".db")).string(), default_llm_limits));
    keep = std::make_unique<stack>(configs.back(), ioc, m);
    cold_result r;
    auto d = run(ioc, timed_build(keep->digests, configs.back().profiles.at("llm"), r.ms));
    if (!d) {
        std::fprintf(stderr, "cold digest failed: %s\n", d.err().message.c_str());
        std::exit(1);
    }
    std::set<std::string> ids;
    for (const auto& e : d->entries) {
        ids.insert(e.paper.arxiv_id);
        if (e.summary.model != "anthropic:claude-sonnet-4-5") r.all_llm = false;
    }
    r.entries = d->entries.size();
    r.distinct = ids.size();
    r.llm_calls = f->llm.request_count();
    r.source_requests = f->source_requests();
    return r;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    const int warm_calls = argc > 1 ? std::atoi(argv[1]) : 200;
    const int cold_runs = argc > 2 ? std::atoi(argv[2]) : 3;
    if (argc > 3) fixtures_dir = argv[3];
    if (warm_calls < 1 || cold_runs < 1) {
        std::fprintf(stderr, "usage: paperboy_digest_bench [WARM_CALLS>=1] [COLD_RUNS>=1] [FIXTURES_DIR]\n");
        return 2;
    }
    spdlog::set_level(spdlog::level::err);
    const auto dir = std::filesystem::temp_directory_path() / ("paperboy-digest-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    struct cleanup {
        std::filesystem::path p;
        ~cleanup() { std::filesystem::remove_all(p); }
    } remove_dir{dir};

    asio::io_context ioc;
    metrics::registry metrics;
    std::unique_ptr<fakes> f;
    std::unique_ptr<stack> s;
    int status = 0;

    std::printf("fake delays: arxiv %d ms, huggingface %d ms, semantic_scholar %d ms per request, LLM %d ms per call\n",
                arxiv_ms, hf_ms, s2_ms, llm_ms);
    std::printf("critical path: max(arxiv, hf, s2 search) + s2 lookup + one summary = %d ms\n\n", critical_path_ms);

    // Informational: the default limits (4 summaries at once over 4 connections) need two rounds
    // of summaries for a 5-paper digest.
    auto d4 = cold_once(dir, 100, true, f, s, ioc, metrics);
    std::printf("cold digest, default summarizer.concurrency=4 / anthropic max_connections=4: %.0f ms "
                "(two summary rounds: %d ms path)\n", d4.ms, critical_path_ms + llm_ms);
    s.reset();
    f.reset();

    std::vector<double> cold;
    cold_result last;
    for (int i = 0; i < cold_runs; ++i) {
        if (s) s.reset();
        last = cold_once(dir, i, false, f, s, ioc, metrics);
        cold.push_back(last.ms);
        std::printf("cold digest %d: %.1f ms, %zu entries, %zu distinct papers, %zu LLM calls, %zu source requests%s\n",
                    i + 1, last.ms, last.entries, last.distinct, last.llm_calls, last.source_requests,
                    last.all_llm ? "" : " (SOME SUMMARIES FELL BACK)");
        if (last.entries != 5 || !last.all_llm) status = 1;
    }
    const double cold_median = percentile(cold, 0.5);

    // Warm: the last cold run's service, database and fakes; the digest is stored.
    std::vector<double> warm;
    warm.reserve(static_cast<std::size_t>(warm_calls));
    const auto llm_before = f->llm.request_count(), sources_before = f->source_requests();
    auto profile = pipeline::default_llm_profile();
    profile.language = "en";
    for (int i = 0; i < warm_calls; ++i) {
        double ms = 0;
        auto d = run(ioc, timed_build(s->digests, profile, ms));
        if (!d || d->entries.size() != 5) status = 1;
        warm.push_back(ms);
    }
    const double warm_mean = std::accumulate(warm.begin(), warm.end(), 0.0) / static_cast<double>(warm.size());
    const bool warm_clean = f->llm.request_count() == llm_before && f->source_requests() == sources_before;
    if (!warm_clean) status = 1;
    std::printf("\nwarm digest (%d calls of get_or_build on the stored digest): mean %.3f ms, p50 %.3f ms, p99 %.3f ms, "
                "max %.3f ms; new LLM calls %zu, new source requests %zu\n",
                warm_calls, warm_mean, percentile(warm, 0.5), percentile(warm, 0.99),
                *std::max_element(warm.begin(), warm.end()), f->llm.request_count() - llm_before,
                f->source_requests() - sources_before);

    std::printf("\nCOLD_MS %.1f\n", cold_median);
    std::printf("CRITICAL_MS %d\n", critical_path_ms);
    std::printf("COLD_RATIO %.3f\n", cold_median / critical_path_ms);
    std::printf("WARM_MEAN_MS %.3f\n", warm_mean);
    std::printf("WARM_P99_MS %.3f\n", percentile(warm, 0.99));
    std::printf("LLM_CALLS %zu\n", last.llm_calls);
    std::printf("DISTINCT_PAPERS %zu\n", last.distinct);
    s.reset();
    f.reset();
    return status;
}
