#include "paperboy/app/services.hpp"

#include "paperboy/summarize/factory.hpp"

namespace paperboy::app {
namespace {

std::optional<std::string> reveal(const std::optional<config::secret>& s) {
    return s ? std::optional<std::string>(s->reveal()) : std::nullopt;
}

std::unique_ptr<store::store> migrated_store(const config::config& cfg) {
    auto s = store::open_store(cfg.database.url);
    s->migrate();
    return s;
}

chat::worker_options worker_options_of(const config::config& c, const std::string& owner) {
    const auto& d = c.delivery;
    chat::worker_options o{owner, d.lease, d.poll_interval, d.max_attempts, d.batch};
    o.concurrency = d.concurrency;
    o.backoff_base = d.backoff_base;
    o.backoff_max = d.backoff_max;
    o.retention_days = c.store.retention_days;
    return o;
}

}  // namespace

services::services(const config::config& c, boost::asio::io_context& ioc, metrics::registry& m, service_options o)
    : cfg(c), metrics(m), clock(*o.clock), owner(o.owner.empty() ? chat::make_owner_name() : o.owner),
      db(migrated_store(c), c.database.workers),
      http(ioc.get_executor(), c.http_client, c.upstreams, m,
           o.proxy ? *o.proxy : net::proxy_settings::from_environment(config::process_environment())),
      arxiv(http, c.upstream("arxiv").base_url),
      huggingface(http, c.upstream("huggingface").base_url, reveal(c.secret.hf_token)),
      semantic_scholar(http, c.upstream("semantic_scholar").base_url, reveal(c.secret.semantic_scholar_api_key)),
      harvester(arxiv, huggingface, semantic_scholar, m, c.time_zone),
      llm(summarize::make_summarizer(c, http, m,
                                     c.summarizer.prompts_dir.empty()
                                         ? std::nullopt
                                         : std::optional<std::filesystem::path>(c.summarizer.prompts_dir))),
      digests(ioc.get_executor(), db, harvester, arxiv, *llm, m, clock,
              {c.summarizer.concurrency, owner, c.digest.build_lease, c.digest.retry_partial_after,
               std::chrono::milliseconds(1000)}),
      bot(digests, db, c, clock),
      worker(ioc.get_executor(), db, m, clock, worker_options_of(c, owner)),
      publisher(db, [this] { worker.wake(); }),
      scheduler(ioc.get_executor(), db, digests, bot, publisher, m, clock, c, owner, [this] { worker.wake(); }) {
    const auto& sc = c.secret;
    if (sc.slack_bot_token || sc.slack_signing_secret || sc.slack_app_token) {
        slack_port = std::make_unique<chat::slack::slack_port>(
            http, chat::slack::port_options{c.upstream("slack").base_url, reveal(c.secret.slack_bot_token),
                                            c.slack.response_hosts, o.slack_per_channel_interval, 100});
        publisher.add_port(*slack_port);
        worker.add_port(*slack_port);
    }
    if (sc.slack_signing_secret || sc.slack_app_token)
        slack = std::make_unique<chat::slack::dispatcher>(ioc.get_executor(), bot, publisher, db);
    if (sc.slack_signing_secret)
        slack_http = std::make_unique<chat::slack::http_routes>(sc.slack_signing_secret->reveal(), clock, *slack, m);
    if (sc.slack_app_token) {
        auto s = o.slack_socket;
        s.api_base = c.upstream("slack").base_url;
        s.app_token = sc.slack_app_token->reveal();
        s.connections = c.slack.socket_connections;
        slack_socket = std::make_unique<chat::slack::socket_mode>(ioc.get_executor(), http, *slack, m, s);
    }
    if (c.secret.discord_bot_token || c.secret.discord_public_key) {
        discord_rest = std::make_unique<chat::discord::rest_client>(
            http, chat::discord::rest_options{c.upstream("discord").base_url, reveal(c.secret.discord_bot_token)});
        discord_port = std::make_unique<chat::discord::discord_port>(*discord_rest, clock);
        publisher.add_port(*discord_port);
        worker.add_port(*discord_port);
    }
    if (discord_rest) {
        std::optional<chat::discord::verifier> key;
        if (c.secret.discord_public_key) {
            auto parsed = chat::discord::verifier::from_hex(c.secret.discord_public_key->reveal());
            if (!parsed) throw config::config_error(parsed.err().message);
            key = std::move(*parsed);
        }
        discord = std::make_unique<chat::discord::adapter>(ioc.get_executor(), std::move(key), clock, bot, publisher,
                                                           db, *discord_rest, m);
    }
    if (discord && c.secret.discord_bot_token && c.discord.gateway) {
        auto g = o.discord_gateway;
        g.token = c.secret.discord_bot_token->reveal();
        if (!c.discord.message_content) g.intents &= ~chat::discord::intent_message_content;
        discord_gateway = std::make_unique<chat::discord::gateway>(ioc.get_executor(), http, *discord_rest, *discord, g);
    }
}

int services::chat_jobs_in_flight() const {
    return (slack ? slack->jobs_in_flight() : 0) + (slack_socket ? slack_socket->envelopes_in_flight() : 0) +
           (discord ? discord->jobs_in_flight() : 0);
}

std::string services::integration_problem() const {
    std::string out;
    for (const auto& p : {discord_gateway ? discord_gateway->problem() : std::string(),
                          slack_socket ? slack_socket->problem() : std::string()})
        if (!p.empty()) out += (out.empty() ? "" : "; ") + p;
    return out;
}

}  // namespace paperboy::app
