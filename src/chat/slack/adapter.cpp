#include "paperboy/chat/slack/adapter.hpp"

#include <boost/asio/co_spawn.hpp>
#include <spdlog/spdlog.h>

#include "paperboy/chat/slack/payloads.hpp"
#include "paperboy/chat/slack/signature.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::chat::slack {

namespace asio = boost::asio;
using asio::awaitable;

namespace {

net::response ephemeral(const std::string& text) {
    return net::response::json(200, R"({"response_type":"ephemeral","text":")" + net::json_escape(render::mrkdwn_escape(text)) + "\"}");
}

store::digest_key key_of(const core::digest& d) { return {core::format_ymd(d.date), d.profile, d.language}; }

bool content_type_is(const net::request& req, std::string_view type) {
    auto ct = req.header("Content-Type");
    return ct && ct->substr(0, type.size()) == type;
}

// "<@U123> today" → "today": the mention of the bot is not part of the command.
std::string without_mentions(std::string text) {
    for (auto at = text.find("<@"); at != std::string::npos; at = text.find("<@")) {
        auto end = text.find('>', at);
        if (end == std::string::npos) break;
        text.erase(at, end - at + 1);
    }
    return text;
}

}  // namespace

adapter::adapter(asio::any_io_executor executor, adapter_options options, bot::service& bot, delivery& out,
                 store::database& db, metrics::registry& metrics)
    : executor_(executor), options_(std::move(options)), bot_(bot), out_(out), db_(db), metrics_(metrics) {
    metrics.describe_counter("paperboy_slack_requests_total", "Slack requests by route and outcome.");
    // `/papers help` is the same answer every time: escape and encode it once.
    bot::command help;
    help.kind = bot::command_kind::help;
    help_ack_ = ephemeral(bot_.immediate(help, bot_.default_language())->text);
}

void adapter::add_routes(net::router& routes) {
    routes.add("POST", "/slack/commands", [this](net::request& r) { return on_command(r); });
    routes.add("POST", "/slack/events", [this](net::request& r) { return on_event(r); });
    routes.add("POST", "/slack/interactivity", [this](net::request& r) { return on_interactivity(r); });
}

std::optional<net::response> adapter::reject_unsigned(const net::request& req) {
    const auto v = verify_signature(options_.signing_secret, req.header("X-Slack-Request-Timestamp").value_or(""),
                                    req.header("X-Slack-Signature").value_or(""), req.body, options_.clock());
    if (v == verdict::ok) return std::nullopt;
    metrics_.add("paperboy_slack_requests_total", {{"route", req.path}, {"outcome", to_string(v)}});
    spdlog::warn("slack: rejected {} from {}: {}", req.path, req.remote_address, to_string(v));
    return net::response::error(401, "invalid or stale signature");
}

template <class Job>
void adapter::spawn(Job job) {
    ++jobs_;
    asio::co_spawn(executor_, std::move(job), [this](std::exception_ptr e) {
        --jobs_;
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            spdlog::error("slack: background job failed: {}", ex.what());
        }
    });
}

awaitable<net::response> adapter::on_command(net::request& req) {
    if (auto r = reject_unsigned(req)) co_return *r;
    if (!content_type_is(req, "application/x-www-form-urlencoded"))
        co_return net::response::error(415, "expected application/x-www-form-urlencoded");
    auto cmd = parse_slash_command(req.body);
    if (!cmd) co_return net::response::error(400, "malformed slash command");
    metrics_.add("paperboy_slack_requests_total", {{"route", req.path}, {"outcome", "ok"}});
    auto c = bot::parse_command(cmd->text);
    if (c.kind == bot::command_kind::help) co_return help_ack_;
    const auto language = bot_.default_language();
    if (auto now = bot_.immediate(c, language)) co_return ephemeral(now->text);
    const std::string key = "slack:cmd:" + (cmd->trigger_id.empty() ? cmd->channel_id + ":" + req.body.substr(0, 64)
                                                                     : cmd->trigger_id);
    spawn(run_command(c, cmd->channel_id, cmd->response_url, key));
    co_return ephemeral(c.kind == bot::command_kind::paper ? "Fetching arXiv:" + c.arxiv_id + "…"
                                                           : "Preparing the digest…");
}

awaitable<net::response> adapter::on_event(net::request& req) {
    if (auto r = reject_unsigned(req)) co_return *r;
    auto e = parse_event(req.body);
    if (!e) co_return net::response::error(400, "malformed event");
    if (e->type == "url_verification") co_return net::response::text(200, e->challenge);
    if (e->type != "event_callback") {
        spdlog::info("slack: {} event ignored", e->type);
        co_return net::response::json(200, "{}");
    }
    auto first = [platform = std::string("slack"), id = e->event_id](store::store& s) { return s.first_delivery(platform, id); };
    if (!e->event_id.empty() && !(co_await db_.run(first))) {
        // A redelivery (X-Slack-Retry-Num): already handled or being handled.
        metrics_.add("paperboy_slack_requests_total", {{"route", req.path}, {"outcome", "duplicate"}});
        co_return net::response::json(200, "{}");
    }
    metrics_.add("paperboy_slack_requests_total", {{"route", req.path}, {"outcome", "ok"}});
    const std::string bot_user = e->authorization_user_ids.empty() ? "" : e->authorization_user_ids.front();
    if (is_own_or_ignored(*e, bot_user)) co_return net::response::json(200, "{}");
    const bool mention = e->event_type == "app_mention";
    // A message that mentions the bot also arrives as app_mention: answer that one only.
    if (!mention && !bot_user.empty() && e->text.find("<@" + bot_user + ">") != std::string::npos)
        co_return net::response::json(200, "{}");
    const std::string key = "slack:event:" + e->event_id;
    if (!e->thread_ts.empty()) {
        spawn(run_thread_reply(e->channel, e->thread_ts, e->text, key, mention));
    } else if (mention) {
        spawn(run_command(bot::parse_command(without_mentions(e->text)), e->channel, "", key));
    }
    co_return net::response::json(200, "{}");
}

awaitable<net::response> adapter::on_interactivity(net::request& req) {
    if (auto r = reject_unsigned(req)) co_return *r;
    auto action = parse_interactivity(req.body);
    if (!action) co_return net::response::error(400, "malformed interactivity payload");
    metrics_.add("paperboy_slack_requests_total", {{"route", req.path}, {"outcome", "ok"}});
    if (action->action_id == render::summary_action_id)
        spawn(run_button(action->channel_id, action->message_ts, action->value, action->response_url,
                         "slack:action:" + action->trigger_id));
    co_return net::response{200, "text/plain", "", {}};
}

awaitable<void> adapter::run_command(bot::command cmd, std::string channel, std::string response_url,
                                     std::string key_prefix) {
    auto a = co_await bot_.answer_command(cmd, bot_.default_language());
    co_await post_answer(a, channel, "", response_url, key_prefix);
}

awaitable<void> adapter::run_thread_reply(std::string channel, std::string thread_ts, std::string text,
                                          std::string key_prefix, bool mention) {
    auto find = [channel, thread_ts](store::store& s) { return s.digest_for_message("slack", channel, thread_ts); };
    auto key = co_await db_.run(find);
    if (!key) {
        // Not a digest's thread: a mention there is a command ("@paperboy today"), answered in the thread.
        if (mention) {
            auto a = co_await bot_.answer_command(bot::parse_command(without_mentions(text)), bot_.default_language());
            co_await post_answer(a, channel, thread_ts, "", key_prefix);
        }
        co_return;
    }
    auto a = co_await bot_.answer_thread_reply(*key, text);
    if (!a) co_return;  // people talk in threads too: only a reply naming a paper gets an answer
    co_await post_answer(*a, channel, thread_ts, "", key_prefix);
}

awaitable<void> adapter::run_button(std::string channel, std::string message_ts, std::string value,
                                    std::string response_url, std::string key_prefix) {
    auto button = render::parse_button_value(value);
    if (!button) co_return;
    auto find = [channel, message_ts](store::store& s) { return s.digest_for_message("slack", channel, message_ts); };
    auto key = co_await db_.run(find);
    if (!key) key = store::digest_key{core::format_ymd(button->date), button->profile, bot_.default_language()};
    auto a = co_await bot_.entry_of(*key, button->number);
    if (!a) {
        bot::command c;
        c.kind = bot::command_kind::paper;
        c.arxiv_id = button->arxiv_id;
        a = co_await bot_.answer_command(c, key->language);
    }
    co_await post_answer(*a, channel, message_ts, response_url, key_prefix);
}

awaitable<void> adapter::post_answer(const bot::answer& a, std::string channel, std::string thread_ts,
                                     std::string response_url, std::string key_prefix) {
    std::vector<render::slack_message> messages;
    if (a.what == bot::answer::kind::digest) messages = render::slack_digest(a.digest, options_.layout);
    else if (a.what == bot::answer::kind::entry) messages = render::slack_entry(a.entry, a.digest.language);
    else messages.push_back({render::mrkdwn_escape(a.text), ""});

    if (!out_.has_bot_token() || (a.what == bot::answer::kind::text && a.ephemeral && !response_url.empty())) {
        // No token (or a private note): the response_url, which allows 5 messages in 30 minutes.
        if (response_url.empty()) {
            spdlog::warn("slack: nowhere to answer in {}: no SLACK_BOT_TOKEN and no response_url", channel);
            co_return;
        }
        for (std::size_t i = 0; i < messages.size() && i < 5; ++i) {
            auto r = co_await out_.respond(response_url, messages[i].text, messages[i].blocks_json, !a.ephemeral,
                                           key_prefix + ":r" + std::to_string(i));
            if (!r) break;
        }
        co_return;
    }
    std::string first_ts;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        auto ts = co_await out_.post(channel, thread_ts, messages[i].text, messages[i].blocks_json,
                                     key_prefix + ":m" + std::to_string(i));
        if (!ts) {
            if (!response_url.empty())
                co_await out_.respond(response_url, "Could not post here (" + ts.err().message + ").", "", false,
                                      key_prefix + ":error");
            co_return;
        }
        if (first_ts.empty()) first_ts = *ts;
        if (a.what == bot::answer::kind::digest) {
            auto remember = [channel, ts = *ts, key = key_of(a.digest)](store::store& s) {
                s.remember_digest_message("slack", channel, ts, key);
            };
            co_await db_.run(remember);
        }
    }
    if (a.what == bot::answer::kind::digest && options_.layout == render::slack_layout::full && thread_ts.empty()) {
        const auto thread = render::slack_thread(a.digest);
        for (std::size_t i = 0; i < thread.size(); ++i) {
            auto ts = co_await out_.post(channel, first_ts, thread[i].text, thread[i].blocks_json,
                                         key_prefix + ":t" + std::to_string(i));
            if (!ts) co_return;
        }
    }
}

}  // namespace paperboy::chat::slack
