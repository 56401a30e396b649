#include "paperboy/chat/slack/dispatcher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <spdlog/spdlog.h>

#include <random>

#include "paperboy/chat/slack/markup.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/net/http.hpp"
#include "paperboy/render/slack.hpp"

namespace paperboy::chat::slack {

namespace asio = boost::asio;
using asio::awaitable;

namespace {

std::string slash_answer(const std::string& text, bool in_channel = false) {
    return std::string(R"({"response_type":")") + (in_channel ? "in_channel" : "ephemeral") + R"(","text":")" +
           net::json_escape(render::mrkdwn_escape(text)) + "\"}";
}

std::string random_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::to_string(rng());
}

bot::conversation conversation_of(std::string team, std::string channel, std::string thread, std::string user,
                                  std::string response_url) {
    return {"slack", std::move(team), std::move(channel), std::move(thread), std::move(user), "", std::move(response_url)};
}

}  // namespace

const char* to_string(outcome o) {
    switch (o) {
        case outcome::ok: return "ok";
        case outcome::ignored: return "ignored";
        case outcome::duplicate: return "duplicate";
        case outcome::invalid: return "invalid";
    }
    return "invalid";
}

dispatcher::dispatcher(asio::any_io_executor executor, bot::service& bot, chat::publisher& out, store::database& db)
    : executor_(executor), bot_(bot), out_(out), db_(db) {
    // `/papers help` is the same answer every time: escape and encode it once.
    bot::command help;
    help.kind = bot::command_kind::help;
    help_answer_ = slash_answer(bot_.immediate(help, bot_.default_language())->text);
}

template <class Job>
void dispatcher::spawn(Job job, std::function<void()> on_failure) {
    ++jobs_;
    asio::co_spawn(executor_, std::move(job), [this, on_failure = std::move(on_failure)](std::exception_ptr e) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                spdlog::error("slack: background job failed: {}", ex.what());
            }
            if (on_failure) on_failure();
        }
        --jobs_;
    });
}

void dispatcher::tell_failure(const bot::conversation& where, const std::string& key) {
    if (where.private_reply.empty()) return;
    chat::publication p{bot::text_answer(bot::service::failure_text(bot_.default_language())), where, key + ":error", {}, {}};
    ++jobs_;
    auto job = [](chat::publisher& out, chat::publication p) -> awaitable<void> { co_await out.publish(std::move(p)); };
    asio::co_spawn(executor_, job(out_, std::move(p)), [this](std::exception_ptr e) {
        if (e) spdlog::error("slack: could not even tell the requester that their request failed");
        --jobs_;
    });
}

awaitable<std::string> dispatcher::command(slash_command cmd) {
    auto c = bot::parse_command(plain_text(cmd.text, false));
    if (c.kind == bot::command_kind::help) co_return help_answer_;
    auto where = conversation_of(cmd.team_id, cmd.channel_id, "", cmd.user_id, cmd.response_url);
    const auto settings = co_await bot_.settings_of(where);
    if (auto now = bot_.immediate(c, settings.language)) co_return slash_answer(now->text);
    if (!bot::service::needs_work(c)) {
        // Quick answers (usage, settings) travel in the acknowledgement itself.
        auto a = co_await bot_.answer_command(c, where);
        co_return slash_answer(a.text, !a.ephemeral);
    }
    // The key comes from Slack's own id for this invocation, never from the command's text.
    const std::string key = "slack:cmd:" + (cmd.trigger_id.empty() ? random_id() : cmd.trigger_id);
    auto on_failure = [this, where, key] { tell_failure(where, key); };
    spawn(run_command(c, where, key), on_failure);
    co_return slash_answer(c.kind == bot::command_kind::paper ? "Fetching arXiv:" + c.arxiv_id + "…"
                                                              : "Preparing the digest…");
}

awaitable<outcome> dispatcher::event(slack::event e) {
    if (e.type != "event_callback") {
        spdlog::info("slack: {} event ignored", e.type);
        co_return outcome::ignored;
    }
    const std::string bot_user = e.authorization_user_ids.empty() ? "" : e.authorization_user_ids.front();
    const bool mention = e.event_type == "app_mention";
    // Not ours to answer: our own messages, edits, and a message that mentions the bot (it also
    // arrives as app_mention, which is answered).
    if (is_own_or_ignored(e, bot_user) ||
        (!mention && !bot_user.empty() && e.text.find("<@" + bot_user + ">") != std::string::npos))
        co_return outcome::ignored;
    if (e.thread_ts.empty() && !mention) co_return outcome::ok;  // a channel message: people talking
    if (e.event_id.empty()) co_return outcome::invalid;
    auto processed = [id = e.event_id](store::store& s) { return s.event_processed("slack", id); };
    bool duplicate = co_await db_.run(processed);
    {
        std::lock_guard lock(events_mutex_);
        duplicate = duplicate || !events_running_.insert(e.event_id).second;
    }
    // A redelivery (X-Slack-Retry-Num, retry_attempt) of an event answered, or being answered, already.
    if (duplicate) co_return outcome::duplicate;
    spawn(run_event(std::move(e), mention), {});
    co_return outcome::ok;
}

outcome dispatcher::action(block_action action) {
    if (action.action_id != render::summary_action_id) return outcome::ignored;
    auto where = conversation_of(action.team_id, action.channel_id, action.thread_ts, action.user_id,
                                 action.response_url);
    const std::string key = "slack:action:" + (action.trigger_id.empty() ? random_id() : action.trigger_id);
    auto on_failure = [this, where, key] { tell_failure(where, key); };
    spawn(run_button(std::move(action), where, key), on_failure);
    return outcome::ok;
}

awaitable<void> dispatcher::run_command(bot::command cmd, bot::conversation where, std::string key) {
    auto a = co_await bot_.answer_command(cmd, where);
    // Named before co_await: GCC 12 mishandles temporaries inside co_await expressions.
    chat::publication p{std::move(a), std::move(where), std::move(key), {}, {}};
    co_await out_.publish(std::move(p));
}

awaitable<void> dispatcher::run_event(slack::event e, bool mention) {
    struct done_running {
        dispatcher* self;
        std::string id;
        ~done_running() {
            std::lock_guard lock(self->events_mutex_);
            self->events_running_.erase(id);
        }
    } running{this, e.event_id};
    auto where = conversation_of(e.team_id, e.channel, e.thread_ts, e.user, "");
    const std::string key = "slack:event:" + e.event_id;
    std::optional<store::digest_key> digest;
    if (!e.thread_ts.empty()) {
        auto find = [channel = e.channel, ts = e.thread_ts](store::store& s) {
            return s.digest_for_message("slack", channel, ts);
        };
        digest = co_await db_.run(find);
    }
    std::optional<bot::answer> a;
    if (digest) {
        // A reply in a digest's thread: only one naming a paper gets an answer (people chat there too).
        a = co_await bot_.answer_thread_reply(*digest, plain_text(e.text, true));
    } else if (mention) {
        // "@paperboy today", in a channel or a thread that is not a digest's: a command.
        a = co_await bot_.answer_command(bot::parse_command(plain_text(e.text, false)), where);
        if (a->what == bot::answer::kind::text) a->ephemeral = false;  // no private channel for events
    }
    if (!a) {
        const std::string platform = "slack";
        co_await out_.mark_processed(platform, e.event_id);
        co_return;
    }
    chat::publication p{std::move(*a), where, key, e.thread_ts, e.event_id};
    co_await out_.publish(std::move(p));
}

awaitable<void> dispatcher::run_button(block_action action, bot::conversation where, std::string key) {
    auto button = render::parse_button_value(action.value);
    if (!button) co_return;
    const std::string thread = action.thread_ts.empty() ? action.message_ts : action.thread_ts;
    auto find = [channel = action.channel_id, ts = action.message_ts](store::store& s) {
        return s.digest_for_message("slack", channel, ts);
    };
    auto digest = co_await db_.run(find);
    if (!digest) digest = store::digest_key{core::format_ymd(button->date), button->profile, bot_.default_language()};
    auto a = co_await bot_.entry_of(*digest, button->number);
    if (!a) {
        bot::command c;
        c.kind = bot::command_kind::paper;
        c.arxiv_id = button->arxiv_id;
        a = co_await bot_.answer_command(c, where);
    }
    chat::publication p{std::move(*a), std::move(where), std::move(key), thread, {}};
    co_await out_.publish(std::move(p));
}

}  // namespace paperboy::chat::slack
