#include "paperboy/chat/discord/adapter.hpp"

#include <boost/asio/co_spawn.hpp>
#include <spdlog/spdlog.h>

#include <regex>

#include "paperboy/metrics/registry.hpp"
#include "paperboy/render/split.hpp"
#include "paperboy/render/discord.hpp"

namespace paperboy::chat::discord {

namespace asio = boost::asio;
using asio::awaitable;
using json = nlohmann::json;

namespace {

constexpr int ephemeral = 64;

net::response callback(json body) { return net::response::json(200, body.dump(-1, ' ', false, json::error_handler_t::replace)); }

// Callback type 4: the answer itself.
net::response message_now(const std::string& text, bool is_ephemeral) {
    json data{{"content", render::truncate_text(text, render::discord_max_content)},
              {"allowed_mentions", {{"parse", json::array()}}}};
    if (is_ephemeral) data["flags"] = ephemeral;
    return callback({{"type", 4}, {"data", std::move(data)}});
}

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The message's text without user, role and channel mentions ("<@123> today" → "today").
std::string without_mentions(const std::string& content) {
    static const std::regex mention(R"(<(@[!&]?|#)[0-9]+>)");
    return std::regex_replace(content, mention, " ");
}

bool mentions(const json& message, const std::string& user) {
    auto m = message.find("mentions");
    if (m == message.end() || !m->is_array()) return false;
    for (const auto& u : *m)
        if (u.is_object() && str(u, "id") == user) return true;
    return false;
}

}  // namespace

adapter::adapter(asio::any_io_executor executor, std::optional<verifier> key, const core::clock& clock,
                 bot::service& bot, chat::publisher& out, store::database& db, rest_client& rest,
                 metrics::registry& metrics)
    : executor_(executor), key_(std::move(key)), clock_(clock), bot_(bot), out_(out), db_(db), rest_(rest),
      metrics_(metrics) {
    metrics.describe_counter("paperboy_discord_requests_total", "Discord interactions and messages by kind and outcome.");
}

void adapter::add_routes(net::router& routes) {
    if (!key_) return;
    routes.add("POST", "/discord/interactions", [this](net::request& r) { return on_interaction(r); });
}

template <class Job>
void adapter::spawn(Job job, bot::conversation where, std::string key) {
    ++jobs_;
    asio::co_spawn(executor_, std::move(job), [this, where = std::move(where), key = std::move(key)](std::exception_ptr e) {
        if (!e) {
            --jobs_;
            return;
        }
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            spdlog::error("discord: background job failed: {}", ex.what());
        }
        if (where.private_reply.empty()) {
            --jobs_;
            return;
        }
        // Tell the requester, through the interaction, that it failed.
        chat::publication p{bot::text_answer(bot::service::failure_text(bot_.default_language())), where,
                            key + ":error", {}, {}};
        auto tell = [](chat::publisher& out, chat::publication p) -> awaitable<void> { co_await out.publish(std::move(p)); };
        asio::co_spawn(executor_, tell(out_, std::move(p)), [this](std::exception_ptr e) {
            if (e) spdlog::error("discord: could not even tell the requester that their request failed");
            --jobs_;
        });
    });
}

awaitable<net::response> adapter::on_interaction(net::request& req) {
    const auto v = !key_ ? verdict::bad_signature : key_->verify(req.header("X-Signature-Timestamp").value_or(""),
                               req.header("X-Signature-Ed25519").value_or(""), req.body, clock_.now());
    if (v != verdict::ok) {
        metrics_.add("paperboy_discord_requests_total", {{"kind", "interaction"}, {"outcome", to_string(v)}});
        spdlog::warn("discord: rejected an interaction from {}: {}", req.remote_address, to_string(v));
        co_return net::response::error(401, "invalid request signature");
    }
    auto i = parse_interaction(req.body);
    if (!i) co_return net::response::error(400, "malformed interaction");
    metrics_.add("paperboy_discord_requests_total", {{"kind", "interaction"}, {"outcome", "ok"}});
    if (i->type == 1) co_return callback({{"type", 1}});
    const auto received = clock_.now_ms();

    if (i->type == 3) {
        auto button = parse_custom_id(i->custom_id);
        if (!button) co_return message_now("This button is not paperboy's (any more).", true);
        auto where = conversation_of(*i, received, false);
        // The paper goes into the thread of the message the button is on.
        if (where.thread.empty()) where.thread = i->message_id;
        spawn(run_button(*button, i->message_id, where, "discord:button:" + i->id), where, "discord:button:" + i->id);
        co_return callback({{"type", 6}});
    }
    if (i->type != 2) co_return net::response::error(400, "unsupported interaction type");
    if (i->command_name != "papers") co_return message_now("Unknown command; paperboy answers /papers.", true);

    auto c = bot::parse_command(i->command_text);
    auto where = conversation_of(*i, received, true);
    const auto settings = co_await bot_.settings_of(where);
    if (auto now = bot_.immediate(c, settings.language)) co_return message_now(now->text, now->ephemeral);
    if (!bot::service::needs_work(c)) {
        auto a = co_await bot_.answer_command(c, where);
        co_return message_now(a.text, a.ephemeral);
    }
    const std::string key = "discord:cmd:" + i->id;
    spawn(run_command(c, where, key), where, key);
    co_return callback({{"type", 5}});  // "paperboy is thinking…" until the answer replaces it
}

awaitable<void> adapter::run_command(bot::command cmd, bot::conversation where, std::string key) {
    auto a = co_await bot_.answer_command(cmd, where);
    chat::publication p{std::move(a), where, std::move(key), where.thread, {}};
    co_await out_.publish(std::move(p));
}

awaitable<void> adapter::run_button(summary_button button, std::string message_id, bot::conversation where,
                                    std::string key) {
    auto find = [channel = where.channel, id = message_id](store::store& s) {
        return s.digest_for_message("discord", channel, id);
    };
    auto digest = co_await db_.run(find);
    if (!digest) {
        const auto settings = co_await bot_.settings_of(where);
        digest = store::digest_key{button.day, button.profile, settings.language};
    }
    auto a = co_await bot_.entry_of(*digest, button.number);
    if (!a) {
        bot::command c;
        c.kind = bot::command_kind::paper;
        c.arxiv_id = button.arxiv_id;
        a = co_await bot_.answer_command(c, where);
    }
    chat::publication p{std::move(*a), where, std::move(key), where.thread, {}};
    co_await out_.publish(std::move(p));
}

void adapter::remember_thread(const std::string& thread, const std::string& parent) {
    std::lock_guard lock(mutex_);
    parents_[thread] = parent;
}

awaitable<std::string> adapter::parent_of(std::string channel) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = parents_.find(channel); it != parents_.end()) co_return it->second;
    }
    // Not seen on the Gateway (a thread older than this connection): ask once.
    auto r = co_await rest_.call("GET", "/channels/" + channel, "");
    if (!r || !r->ok() || !r->body.is_object()) co_return std::string();
    const int type = r->body.value("type", 0);
    const std::string parent = type >= 10 && type <= 12 ? str(r->body, "parent_id") : std::string();
    remember_thread(channel, parent);
    co_return parent;
}

void adapter::on_message(json message, std::string bot_user) {
    if (!message.is_object()) return;
    const auto& author = message.value("author", json::object());
    const int type = message.value("type", 0);
    // Not ours to answer: our own messages, other bots', webhooks', system messages.
    if (str(author, "id") == bot_user || author.value("bot", false) || message.contains("webhook_id") ||
        (type != 0 && type != 19) || str(message, "id").empty())
        return;
    {
        std::lock_guard lock(mutex_);
        if (!messages_running_.insert(str(message, "id")).second) return;  // a replay of one being answered
    }
    ++jobs_;
    asio::co_spawn(executor_, run_message(std::move(message), std::move(bot_user)), [this](std::exception_ptr e) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                spdlog::error("discord: answering a message failed: {}", ex.what());
            }
        }
        --jobs_;
    });
}

awaitable<void> adapter::run_message(json message, std::string bot_user) {
    const std::string id = str(message, "id");
    struct done_running {
        adapter* self;
        std::string id;
        ~done_running() {
            std::lock_guard lock(self->mutex_);
            self->messages_running_.erase(id);
        }
    } running{this, id};
    const std::string channel = str(message, "channel_id");
    const std::string parent = co_await parent_of(channel);
    std::optional<store::digest_key> digest;
    if (!parent.empty()) {
        auto find = [parent, channel](store::store& s) { return s.digest_for_message("discord", parent, channel); };
        digest = co_await db_.run(find);
    }
    const bool mentioned = mentions(message, bot_user);
    if (!digest && !mentioned) co_return;  // people talk; only digest threads and mentions are ours
    auto processed = [id](store::store& s) { return s.event_processed("discord", id); };
    if (co_await db_.run(processed)) {
        metrics_.add("paperboy_discord_requests_total", {{"kind", "message"}, {"outcome", "duplicate"}});
        co_return;
    }
    bot::conversation where;
    where.platform = "discord";
    where.workspace = str(message, "guild_id");
    where.channel = parent.empty() ? channel : parent;
    where.thread = parent.empty() ? "" : channel;
    where.user = str(message.value("author", json::object()), "id");
    const std::string text = without_mentions(str(message, "content"));
    std::optional<bot::answer> a;
    if (digest) a = co_await bot_.answer_thread_reply(*digest, text);
    if (!a && mentioned) {
        a = co_await bot_.answer_command(bot::parse_command(text), where);
        if (a->what == bot::answer::kind::text) a->ephemeral = false;  // a message has no private reply
    }
    metrics_.add("paperboy_discord_requests_total", {{"kind", "message"}, {"outcome", a ? "answered" : "ignored"}});
    if (!a) {
        const std::string platform = "discord";
        co_await out_.mark_processed(platform, id);
        co_return;
    }
    chat::publication p{std::move(*a), where, "discord:msg:" + id, where.thread, id};
    co_await out_.publish(std::move(p));
}

}  // namespace paperboy::chat::discord
