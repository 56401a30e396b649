// Many subscriptions due in the same minute (bench/README.md): N Slack channels subscribed at 08:00
// UTC on SQLite, against a fake Slack that enforces 1 message/s per channel (a faster post gets a
// 429 with Retry-After: 1) and is fast otherwise. Measures the time from the due minute to the last
// post, against the bound the per-channel limit imposes ((messages per channel − 1) × 1 s), LLM calls
// against distinct papers, and this process's peak RSS.
// Usage: paperboy_schedule_bench [SUBSCRIPTIONS=1000] [FIXTURES_DIR]
//
// The fakes (arXiv, Hugging Face, Semantic Scholar from the real recordings, an Anthropic Messages
// API, Slack) run in a child process, so the RSS measured is paperboy's (app::services, as `serve`
// wires it: scheduler, outbox, delivery worker, Slack port) and not the fakes' request logs. The
// clock is the real one shifted so that 08:00:00 UTC comes two seconds after the start.
// Prints KEY VALUE lines for run.sh. Exit status: 0 measured; 1 something failed; 2 usage.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <mutex>
#include <string>
#include <thread>

#include "fake_peer.hpp"
#include "paperboy/app/services.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/schedule/subscriptions.hpp"

namespace {

namespace asio = boost::asio;
using namespace paperboy;
using namespace std::chrono_literals;
using test::recorded_request;
using test::scripted_reply;

std::string fixtures_dir = PAPERBOY_SHARED_FIXTURES;
std::string fixture(const std::string& path) { return test::read_file(fixtures_dir + "/" + path); }

constexpr auto per_channel = 1000ms;
constexpr auto tolerance = 50ms;  // timer jitter the fake forgives

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// ---- the child: every fake peer, and GET /stats on the Slack one ----

struct slack_stats {
    std::mutex m;
    std::map<std::string, std::int64_t> last_ok;  // channel → steady ns of its last accepted post
    std::map<std::string, int> posts;
    int violations = 0, total = 0;
    double gap_sum_ms = 0, gap_max_ms = 0;  // between a channel's consecutive accepted posts
    int gaps = 0;
    std::int64_t last_post_ns = 0;
};

[[noreturn]] void run_fakes(int out_fd) {
    test::fake_peer arxiv, hf, s2, llm, slack;
    const std::string window = fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml");
    const std::string day = fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json");
    const std::string no_results = fixture("semantic_scholar/paper_search_no_results.json");
    const std::string message = fixture("anthropic/messages_create_basic_200.json");
    arxiv.set_handler([window](const recorded_request&) { return scripted_reply{200, window, "application/atom+xml"}; });
    hf.set_handler([day](const recorded_request& r) {
        return scripted_reply{200, r.target.find("p=0&") != std::string::npos ? day : "[]"};
    });
    s2.set_handler([no_results](const recorded_request& r) {
        if (r.method != "POST") return scripted_reply{200, no_results};
        std::string out = "[";
        for (std::size_t pos = 0; (pos = r.body.find("ARXIV:", pos)) != std::string::npos; ++pos)
            out += out.size() > 1 ? ",null" : "null";
        return scripted_reply{200, out + "]"};
    });
    llm.set_handler([message](const recorded_request&) { return scripted_reply{200, message}; });
    auto stats = std::make_shared<slack_stats>();
    slack.set_handler([stats, &llm](const recorded_request& r) {
        if (r.target == "/stats") {
            std::lock_guard lock(stats->m);
            int most = 0;
            for (const auto& [c, n] : stats->posts) most = std::max(most, n);
            return scripted_reply{200, nlohmann::json{{"total", stats->total},
                                                      {"channels", stats->posts.size()},
                                                      {"most_per_channel", most},
                                                      {"violations", stats->violations},
                                                      {"last_post_ns", stats->last_post_ns},
                                                      {"gap_mean_ms", stats->gaps ? stats->gap_sum_ms / stats->gaps : 0.0},
                                                      {"gap_max_ms", stats->gap_max_ms},
                                                      {"llm_calls", llm.request_count()}}
                                           .dump()};
        }
        auto body = nlohmann::json::parse(r.body, nullptr, false);
        const std::string channel = body.is_object() ? body.value("channel", "") : "";
        const auto now = steady_ns();
        std::lock_guard lock(stats->m);
        auto [it, fresh] = stats->last_ok.try_emplace(channel, 0);
        if (!fresh && now - it->second < std::chrono::nanoseconds(per_channel - tolerance).count()) {
            ++stats->violations;
            return scripted_reply{429, R"({"ok":false,"error":"ratelimited"})", "application/json", {{"Retry-After", "1"}}};
        }
        if (!fresh) {
            const double gap = static_cast<double>(now - it->second) / 1e6;
            stats->gap_sum_ms += gap;
            stats->gap_max_ms = std::max(stats->gap_max_ms, gap);
            ++stats->gaps;
        }
        it->second = now;
        const int n = ++stats->posts[channel];
        ++stats->total;
        stats->last_post_ns = now;
        const std::string ts = "1780000000." + std::to_string(100000 + stats->total);
        return scripted_reply{200, nlohmann::json{{"ok", true}, {"channel", channel}, {"ts", ts}, {"n", n}}.dump()};
    });
    const std::string ports = arxiv.base_url() + " " + hf.base_url() + " " + s2.base_url() + " " + llm.base_url() +
                              " " + slack.base_url() + "\n";
    if (::write(out_fd, ports.data(), ports.size()) < 0) std::_Exit(1);
    ::close(out_fd);
    for (;;) ::pause();  // until the parent's SIGTERM
}

// ---- the parent: paperboy ----

// The real clock, shifted so that `target` is `lead` after construction.
struct shifted_clock final : core::clock {
    std::chrono::system_clock::duration offset;
    shifted_clock(time_point target, std::chrono::milliseconds lead)
        : offset(target - lead - std::chrono::system_clock::now()) {}
    time_point now() const override { return std::chrono::system_clock::now() + offset; }
};

nlohmann::json slack_stats_of(app::services& s, asio::io_context& ioc, const std::string& slack_url) {
    auto get = [](app::services& s, std::string url) -> asio::awaitable<std::string> {
        net::client_request req;
        req.method = "GET";
        req.url = url + "/stats";
        req.upstream = "slack";
        auto res = co_await s.http.send(std::move(req));
        co_return res ? res->body : std::string("{}");
    };
    return nlohmann::json::parse(asio::co_spawn(ioc, get(s, slack_url), asio::use_future).get());
}

}  // namespace

int main(int argc, char** argv) {
    const int subscriptions = argc > 1 ? std::atoi(argv[1]) : 1000;
    if (argc > 2) fixtures_dir = argv[2];
    if (subscriptions < 1) {
        std::fprintf(stderr, "usage: paperboy_schedule_bench [SUBSCRIPTIONS=1000] [FIXTURES_DIR]\n");
        return 2;
    }
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return 1;
    const pid_t fakes = ::fork();
    if (fakes == 0) {
        ::close(pipe_fds[0]);
        run_fakes(pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    std::string ports;
    char buf[512];
    for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;) ports.append(buf, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    std::istringstream in(ports);
    std::string arxiv_url, hf_url, s2_url, llm_url, slack_url;
    in >> arxiv_url >> hf_url >> s2_url >> llm_url >> slack_url;
    if (slack_url.empty()) return 1;
    spdlog::set_level(spdlog::level::warn);

    const auto dir = std::filesystem::temp_directory_path() / ("paperboy-schedule-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto c = config::defaults();
    c.time_zone = "UTC";
    c.database.url = "sqlite:" + (dir / "bench.db").string();
    for (auto& [name, u] : c.upstreams) u.min_interval = 0ms;
    c.upstreams["arxiv"].base_url = arxiv_url;
    c.upstreams["huggingface"].base_url = hf_url;
    c.upstreams["semantic_scholar"].base_url = s2_url;
    c.upstreams["anthropic"].base_url = llm_url;
    c.upstreams["slack"].base_url = slack_url;
    c.summarizer.kind = "anthropic";
    c.summarizer.model = "claude-sonnet-4-5";
    c.secret.anthropic_api_key = config::secret("sk-ant-bench");
    c.secret.slack_bot_token = config::secret("xoxb-bench");
    c.profiles.at("llm").language = "en";
    c.archive.enabled = false;
    if (const char* batch = std::getenv("BENCH_DELIVERY_BATCH")) c.delivery.batch = std::atoi(batch);
    if (const char* workers = std::getenv("BENCH_DB_WORKERS")) c.database.workers = std::atoi(workers);
    if (const char* runs = std::getenv("BENCH_SCHEDULE_CONCURRENCY")) c.schedule.concurrency = std::atoi(runs);
    if (const char* conns = std::getenv("BENCH_SLACK_CONNECTIONS")) c.upstreams["slack"].max_connections = std::atoi(conns);
    config::validate(c);

    // Thursday 2026-12-03 08:00:00 UTC, two seconds from now.
    const auto due = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 8h;
    shifted_clock clock(due, 2000ms);
    const auto due_steady = std::chrono::steady_clock::now() + 2000ms;
    int status = 0;
    {
        metrics::registry metrics;
        asio::io_context ioc(1);
        auto guard = asio::make_work_guard(ioc);
        app::service_options o;
        o.proxy = net::proxy_settings{};
        o.clock = &clock;
        app::services s(c, ioc, metrics, o);
        for (int i = 0; i < subscriptions; ++i) {
            store::subscription sub;
            sub.platform = "slack";
            sub.channel = "C" + std::to_string(100000 + i);
            sub.time_zone = "UTC";
            sub.origin = "cli";
            schedule::save(s.db.direct(), sub, clock.now());
        }
        std::thread app([&ioc] { ioc.run(); });
        asio::co_spawn(ioc, s.worker.run(), asio::detached);
        asio::co_spawn(ioc, s.scheduler.run(), asio::detached);

        // Done when every run ended and no outbox row is left to send.
        auto runs_done = [&] {
            const auto runs = s.db.direct().list_schedule_runs(0, subscriptions + 1);
            return static_cast<int>(runs.size()) == subscriptions &&
                   std::all_of(runs.begin(), runs.end(), [](const auto& r) { return r.state == "done"; });
        };
        auto finished = [&] {
            for (const char* state : {"pending", "claimed", "unknown"})
                if (!s.db.direct().list_outbox(state, 1).empty()) return false;
            return runs_done();
        };
        std::optional<std::chrono::steady_clock::time_point> runs_done_at;
        const auto give_up = std::chrono::steady_clock::now() + 600s;
        while (!finished() && std::chrono::steady_clock::now() < give_up) {
            if (!runs_done_at && runs_done()) runs_done_at = std::chrono::steady_clock::now();
            std::this_thread::sleep_for(100ms);
        }
        if (!runs_done_at) runs_done_at = std::chrono::steady_clock::now();
        const bool complete = finished();
        const auto stats = slack_stats_of(s, ioc, slack_url);
        const auto failed = s.db.direct().list_outbox("failed", 1000);
        s.scheduler.stop();
        s.worker.stop();
        std::this_thread::sleep_for(200ms);
        guard.reset();
        ioc.stop();
        app.join();
        s.db.finish();

        const std::int64_t due_ns =
            std::chrono::duration_cast<std::chrono::nanoseconds>(due_steady.time_since_epoch()).count();
        const double elapsed_ms = static_cast<double>(stats.value("last_post_ns", std::int64_t{0}) - due_ns) / 1e6;
        const int most = stats.value("most_per_channel", 0);
        const double bound_ms = static_cast<double>(std::max(0, most - 1)) * 1000.0;
        auto key = s.db.direct().list_digests(10);
        std::size_t papers = 0;
        for (const auto& d : key) papers += static_cast<std::size_t>(d.papers);
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        std::printf("SUBSCRIPTIONS %d\n", subscriptions);
        std::printf("COMPLETE %d\n", complete ? 1 : 0);
        std::printf("POSTS %d\n", stats.value("total", 0));
        std::printf("CHANNELS %d\n", stats.value("channels", 0));
        std::printf("MESSAGES_PER_CHANNEL %d\n", most);
        std::printf("FAILED_ROWS %zu\n", failed.size());
        std::printf("RATE_LIMIT_429 %d\n", stats.value("violations", 0));
        std::printf("GAP_MEAN_MS %.0f\n", stats.value("gap_mean_ms", 0.0));
        std::printf("GAP_MAX_MS %.0f\n", stats.value("gap_max_ms", 0.0));
        std::printf("DUE_TO_LAST_POST_MS %.0f\n", elapsed_ms);
        std::printf("BOUND_MS %.0f\n", bound_ms);
        std::printf("RUNS_DONE_MS %.0f\n", std::chrono::duration<double, std::milli>(*runs_done_at - due_steady).count());
        std::printf("RATIO %.3f\n", bound_ms > 0 ? elapsed_ms / bound_ms : 0.0);
        std::printf("LLM_CALLS %d\n", stats.value("llm_calls", 0));
        std::printf("DISTINCT_PAPERS %zu\n", papers);
        std::printf("DIGESTS %zu\n", key.size());
        std::printf("RSS_MB %.1f\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
        status = complete && failed.empty() ? 0 : 1;
    }
    ::kill(fakes, SIGTERM);
    ::waitpid(fakes, nullptr, 0);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return status;
}
