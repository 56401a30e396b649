#pragma once
// Discord end to end, in-process: app::services over a migrated SQLite store, the extractive
// summarizer, the sources' recorded answers, Discord's REST pointed at a fake Discord API and its
// Gateway at a fake Gateway; the interactions endpoint served on 127.0.0.1:0. Tests sign
// interactions with a throwaway Ed25519 key, as Discord signs them, and poll the fakes.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <sstream>
#include <filesystem>
#include <future>
#include <thread>

#include "discord_fakes.hpp"
#include "fake_gateway.hpp"
#include "paperboy/app/services.hpp"
#include "paperboy/chat/discord/signature.hpp"
#include "paperboy/net/server.hpp"
#include "paperboy/render/json.hpp"
#include "slack_client.hpp"
#include "slack_fakes.hpp"
#include "slack_fixture.hpp"

namespace paperboy::test::discord {

using namespace std::chrono_literals;
using slack::eventually;
using slack::reply;

inline const std::string application_id = "1380486651436073092";
inline const std::string guild = "700000000000000001";
inline const std::string channel = "700000000000000002";
inline const std::string human = "410212090289192960";

struct discord_fixture {
    inline static int instances = 0;
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-discord-" + std::to_string(::getpid()) + "-" + std::to_string(++instances));
    slack::source_fakes sources;
    fake_gateway gateway{200};
    fake_discord_api api{gateway.url()};
    chat::discord::test_signer signer;
    metrics::registry metrics;
    slack::fixable_clock clock;
    config::config cfg = [this] {
        auto c = config::defaults();
        c.time_zone = "UTC";
        c.database.url = "sqlite:" + (dir / "paperboy.db").string();
        c.http_client.backoff_base = 5ms;
        c.http_client.backoff_max = 20ms;
        for (auto& [name, u] : c.upstreams) u.min_interval = 0ms;
        c.upstreams["arxiv"].base_url = sources.arxiv.base_url();
        c.upstreams["huggingface"].base_url = sources.hf.base_url();
        c.upstreams["semantic_scholar"].base_url = sources.s2.base_url();
        c.upstreams["discord"].base_url = api.peer.base_url();
        c.summarizer.kind = "extractive";
        c.server.port = 0;
        c.server.io_threads = 2;
        c.delivery.poll_interval = 50ms;
        c.delivery.backoff_base = 20ms;
        c.profiles.at("llm").language = "en";
        c.secret.discord_public_key = config::secret(signer.public_key_hex());
        c.secret.discord_bot_token = config::secret("discord-bot-token");
        c.secret.discord_application_id = config::secret(application_id);
        config::validate(c);
        return c;
    }();
    boost::asio::io_context ioc{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work = boost::asio::make_work_guard(ioc);
    std::unique_ptr<app::services> graph;
    std::optional<net::http_server> server;
    std::thread app_thread;
    int interactions = 0;
    // Everything the server logs during the test, checked for secrets when it ends.
    std::ostringstream log;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);

    void start() {
        spdlog::default_logger()->sinks().push_back(log_sink);
        std::filesystem::create_directories(dir);
        app::service_options options;
        options.proxy = net::proxy_settings{};
        options.clock = &clock;
        options.discord_gateway.backoff_base = 20ms;
        options.discord_gateway.backoff_max = 200ms;
        options.discord_gateway.identify_interval = 0ms;
        graph = std::make_unique<app::services>(cfg, ioc, metrics, options);
        net::router routes;
        graph->discord->add_routes(routes);
        server.emplace(cfg.server, std::move(routes), metrics);
        boost::asio::co_spawn(ioc, graph->worker.run(), boost::asio::detached);
        if (graph->discord_gateway) boost::asio::co_spawn(ioc, graph->discord_gateway->run(), boost::asio::detached);
        app_thread = std::thread([this] { ioc.run(); });
        server->start();
    }

    ~discord_fixture() {
        if (server) {
            if (graph->discord_gateway) graph->discord_gateway->stop();
            eventually([this] { return graph->chat_jobs_in_flight() == 0; }, 10s);
            graph->worker.stop();
            eventually([this] { return !graph->worker.running() && graph->worker.in_flight() == 0; }, 10s);
            std::promise<void> done;
            boost::asio::co_spawn(ioc, server->shutdown(), [&](std::exception_ptr) { done.set_value(); });
            done.get_future().wait();
        }
        server.reset();
        work.reset();
        ioc.stop();
        if (app_thread.joinable()) app_thread.join();
        graph.reset();
        auto& sinks = spdlog::default_logger()->sinks();
        sinks.erase(std::remove(sinks.begin(), sinks.end(), log_sink), sinks.end());
        const auto logged = log.str();
        BOOST_TEST(!logged.empty(), "nothing was logged: the checks below would see nothing");
        BOOST_TEST(logged.find("discord-bot-token") == std::string::npos, "the bot token was logged");
        BOOST_TEST(logged.find("interaction-token-") == std::string::npos, "an interaction token was logged");
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    // ---- interactions, signed as Discord signs them ----

    reply post_interaction(const std::string& body, std::vector<std::pair<std::string, std::string>> headers) {
        headers.push_back({"Content-Type", "application/json"});
        return slack::http_post(server->port(), "/discord/interactions", body, headers);
    }
    reply signed_interaction(const nlohmann::json& j, long long at = 0) {
        const long long now = at ? at : (clock.fixed.load() ? clock.fixed.load() : slack::unix_now());
        const std::string body = j.dump(), ts = std::to_string(now);
        return post_interaction(body, {{"X-Signature-Ed25519", signer.sign(ts, body)}, {"X-Signature-Timestamp", ts}});
    }
    std::string next_id() { return std::to_string(1381177107555680000LL + (++interactions)); }
    std::string token_of(int n) const { return "interaction-token-" + std::to_string(n); }

    nlohmann::json command(const std::string& sub, nlohmann::json options = nlohmann::json::array(),
                           const std::string& in = channel) {
        const std::string id = next_id();
        return {{"type", 2},
                {"id", id},
                {"application_id", application_id},
                {"token", token_of(interactions)},
                {"guild_id", guild},
                {"channel_id", in},
                {"channel", {{"id", in}, {"type", 0}}},
                {"locale", "en-US"},
                {"member", {{"user", {{"id", human}, {"username", "kprasch"}}}}},
                {"data", {{"name", "papers"}, {"type", 1}, {"options", {{{"name", sub}, {"type", 1}, {"options", options}}}}}}};
    }
    nlohmann::json button(const std::string& custom_id, const std::string& message_id, const std::string& in = channel) {
        auto j = command("today", nlohmann::json::array(), in);
        j["type"] = 3;
        j["data"] = {{"custom_id", custom_id}, {"component_type", 2}};
        j["message"] = {{"id", message_id}, {"channel_id", in}};
        return j;
    }

    // ---- what happened ----

    void settle() {
        BOOST_REQUIRE(eventually([this] { return graph->chat_jobs_in_flight() == 0 && nothing_due(); }, 10s));
        std::this_thread::sleep_for(150ms);
    }
    bool nothing_due() {
        for (const auto& row : graph->db.direct().list_outbox("", 1000))
            if (row.state == "pending" || row.state == "claimed" || row.state == "unknown") return false;
        return graph->worker.in_flight() == 0;
    }
    bool gateway_ready() { return gateway.live() && graph->discord_gateway->connected(); }

    // A person's message in `in` (a thread's id for a thread), as the Gateway dispatches it.
    nlohmann::json user_message(const std::string& id, const std::string& in, const std::string& content) {
        return {{"id", id},          {"channel_id", in}, {"guild_id", guild}, {"type", 0}, {"content", content},
                {"author", {{"id", human}, {"username", "kprasch"}}}, {"mentions", nlohmann::json::array()}};
    }
};

}  // namespace paperboy::test::discord
