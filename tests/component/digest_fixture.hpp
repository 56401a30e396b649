#pragma once
// The digest service wired as app::services wires it, over a SQLite store in a temporary directory,
// fake sources (real recordings) and the real Anthropic summarizer against a fake Messages API.
// Shared by the digest component tests.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <unistd.h>

#include "digest_fakes.hpp"
#include "io_fixture.hpp"
#include "paperboy/app/services.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/core/text.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/digest/digest_service.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/summarize/factory.hpp"

namespace paperboy::test::digest_support {

using namespace std::chrono;
using namespace std::chrono_literals;

inline const sys_days june_13 = sys_days{year{2026} / 6 / 13};
inline const sys_days june_14 = sys_days{year{2026} / 6 / 14};
inline const std::string model_id = "anthropic:claude-sonnet-4-5";

// The abstracts Hugging Face published, by arXiv id, collapsed as the parser collapses them.
inline const std::map<std::string, std::string>& hf_abstracts() {
    static const auto abstracts = [] {
        std::map<std::string, std::string> out;
        for (const auto& item : nlohmann::json::parse(hf_day()))
            out[item["paper"]["id"].get<std::string>()] = core::collapse_whitespace(item["paper"]["summary"].get<std::string>());
        return out;
    }();
    return abstracts;
}

inline std::vector<std::string> ids_of(const core::digest& d) {
    std::vector<std::string> ids;
    for (const auto& e : d.entries) ids.push_back(e.paper.arxiv_id);
    return ids;
}

// The composition root `serve` uses, with no proxy whatever the environment says.
struct digest_stack : app::services {
    static app::service_options options(const core::clock& clock) {
        app::service_options o;
        o.proxy = net::proxy_settings{};
        o.clock = &clock;
        return o;
    }
    digest_stack(const config::config& cfg, boost::asio::io_context& ioc, metrics::registry& m, const core::clock& clock)
        : app::services(cfg, ioc, m, options(clock)) {}
};

struct digest_fixture : io_fixture {
    inline static int instances = 0;
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-digest-" + std::to_string(::getpid()) + "-" + std::to_string(++instances));
    fake_sources sources;
    fake_anthropic anthropic;
    metrics::registry metrics;
    core::manual_clock clock{std::chrono::system_clock::now()};  // moves only when a test says so
    config::config cfg = [this] {
        auto c = config::defaults();
        c.time_zone = "UTC";
        c.database.url = "sqlite:" + (dir / "x.db").string();
        c.http_client.backoff_base = 5ms;
        c.http_client.backoff_max = 20ms;
        for (auto& [name, u] : c.upstreams) u.min_interval = 0ms;
        c.upstreams["arxiv"].base_url = sources.arxiv.base_url();
        c.upstreams["huggingface"].base_url = sources.hf.base_url();
        c.upstreams["semantic_scholar"].base_url = sources.s2.base_url();
        c.upstreams["anthropic"].base_url = anthropic.peer.base_url();
        c.summarizer.kind = "anthropic";
        c.summarizer.model = "claude-sonnet-4-5";
        c.secret.anthropic_api_key = config::secret("sk-ant-test-key");
        c.profiles.at("llm").language = "en";  // as config::apply_environment resolves it
        config::validate(c);
        return c;
    }();
    pipeline::profile profile = cfg.profiles.at("llm");
    std::unique_ptr<digest_stack> stack;  // last: destroyed before the fakes and the registry

    digest_fixture() {
        std::filesystem::create_directories(dir);
        restart();
    }
    ~digest_fixture() {
        stack.reset();
        std::filesystem::remove_all(dir);
    }

    // A new object graph over the same database file, as after a process restart.
    void restart() {
        stack.reset();
        stack = std::make_unique<digest_stack>(cfg, ioc, metrics, clock);
    }

    digest::digest_service& service() { return stack->digests; }

    result<core::digest> try_build(sys_days day, const std::string& language = "en") {
        return run(service().get_or_build(day, profile, language));
    }

    core::digest build(sys_days day, const std::string& language = "en") {
        auto d = try_build(day, language);
        BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.err().message));
        return std::move(*d);
    }

    std::optional<std::string> stored(sys_days day, const std::string& language = "en") {
        return stack->db.direct().load_digest({core::format_ymd(day), profile.name, language});
    }
};

}  // namespace paperboy::test::digest_support
