#pragma once
// The composition root: one of each long-lived part, wired from the configuration. `serve`, the
// command-line commands, the component tests and the benchmarks all build their graph here; tests
// pass their own clock, proxy setting and pacing through service_options.
//
// Lifetime: members are destroyed in reverse order, so the chat side (which uses everything) goes
// first and the database (whose pool finishes queued work) last.
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>
#include <optional>

#include "paperboy/bot/service.hpp"
#include "paperboy/chat/delivery_worker.hpp"
#include "paperboy/chat/discord/adapter.hpp"
#include "paperboy/chat/discord/gateway.hpp"
#include "paperboy/chat/discord/port.hpp"
#include "paperboy/chat/discord/rest.hpp"
#include "paperboy/chat/publisher.hpp"
#include "paperboy/chat/slack/dispatcher.hpp"
#include "paperboy/chat/slack/http_routes.hpp"
#include "paperboy/chat/slack/port.hpp"
#include "paperboy/chat/slack/socket_mode.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/digest/digest_service.hpp"
#include "paperboy/harvest/harvester.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/client.hpp"
#include "paperboy/schedule/scheduler.hpp"
#include "paperboy/sources/clients.hpp"
#include "paperboy/store/database.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::app {

struct service_options {
    std::optional<net::proxy_settings> proxy;  // default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY
    const core::clock* clock = &core::clock::system();
    std::chrono::milliseconds slack_per_channel_interval{1000};  // Slack asks for ~1 message/s per channel
    std::string owner;  // claims' owner name; default: host:pid:random
    chat::discord::gateway_options discord_gateway;  // token and intents are filled in from the configuration
    chat::slack::socket_mode_options slack_socket;   // base URL, token and connections from the configuration
};

struct services {
    // Opens the database and applies migrations; throws store::store_error when it cannot.
    services(const config::config& cfg, boost::asio::io_context& ioc, metrics::registry& metrics,
             service_options options = {});

    const config::config& cfg;
    metrics::registry& metrics;
    const core::clock& clock;
    std::string owner;
    store::database db;
    net::http_client http;
    sources::arxiv_client arxiv;
    sources::huggingface_client huggingface;
    sources::semantic_scholar_client semantic_scholar;
    harvest::harvester harvester;
    std::unique_ptr<summarize::summarizer> llm;
    digest::digest_service digests;
    bot::service bot;
    chat::delivery_worker worker;
    chat::publisher publisher;
    schedule::scheduler scheduler;
    std::unique_ptr<chat::slack::slack_port> slack_port;  // with any of the Slack secrets
    std::unique_ptr<chat::slack::dispatcher> slack;       // with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN
    std::unique_ptr<chat::slack::http_routes> slack_http;    // with SLACK_SIGNING_SECRET: the /slack/* routes
    std::unique_ptr<chat::slack::socket_mode> slack_socket;  // with SLACK_APP_TOKEN
    std::unique_ptr<chat::discord::rest_client> discord_rest;  // with DISCORD_BOT_TOKEN or DISCORD_PUBLIC_KEY
    std::unique_ptr<chat::discord::discord_port> discord_port;
    std::unique_ptr<chat::discord::adapter> discord;  // /discord/interactions (with DISCORD_PUBLIC_KEY), messages
    std::unique_ptr<chat::discord::gateway> discord_gateway;  // with DISCORD_BOT_TOKEN and discord.gateway

    // Jobs the chat adapters are still doing in the background (Socket Mode envelopes included).
    int chat_jobs_in_flight() const;
    // Why a chat connection (Discord Gateway, Slack Socket Mode) is down for good; empty when none is.
    std::string integration_problem() const;
};

}  // namespace paperboy::app
