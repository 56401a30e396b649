#include "paperboy/bot/service.hpp"

#include <spdlog/spdlog.h>

#include "paperboy/bot/help.hpp"
#include "paperboy/bot/reply.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/harvest/windows.hpp"
#include "paperboy/render/json.hpp"

namespace paperboy::bot {

using boost::asio::awaitable;

namespace {

answer text_answer(std::string text, bool ephemeral = true) {
    answer a;
    a.text = std::move(text);
    a.ephemeral = ephemeral;
    return a;
}

answer entry_answer(const core::digest& context, core::digest_entry entry) {
    answer a;
    a.what = answer::kind::entry;
    a.ephemeral = false;
    a.digest = context;
    a.digest.entries.clear();
    a.entry = std::move(entry);
    return a;
}

}  // namespace

service::service(digest::digest_service& digests, store::database& db, const config::config& cfg)
    : digests_(digests), db_(db), cfg_(cfg) {}

const std::string& service::default_language() const { return cfg_.profiles.at(cfg_.default_profile).language; }

std::optional<answer> service::immediate(const command& c, const std::string& language) const {
    switch (c.kind) {
        case command_kind::help: return text_answer(help_text(language));
        case command_kind::usage: return text_answer(usage_text(language, c.problem));
        case command_kind::date:
            // A day that has not come yet has no digest; building one now would store it (empty, or
            // with today's papers) and serve that stored copy when the day comes.
            if (c.date <= harvest::today(cfg_.time_zone)) return std::nullopt;
            return text_answer(language == "ja"
                                   ? core::format_ymd(c.date) + " はまだ来ていない日付です。`/papers today` をお使いください。"
                                   : "There is no digest for " + core::format_ymd(c.date) +
                                         " yet: that day has not come. Try `/papers today`.");
        case command_kind::subscribe:
        case command_kind::unsubscribe:
            return text_answer(language == "ja"
                                   ? "定時配信（subscribe / unsubscribe）はまだ利用できません。`/papers today` をお使いください。"
                                   : "Scheduled digests (subscribe / unsubscribe) are not available yet; use "
                                     "`/papers today` meanwhile.");
        default: return std::nullopt;
    }
}

awaitable<answer> service::answer_command(command c, std::string language) {
    if (auto now = immediate(c, language)) co_return *now;
    const auto& profile = cfg_.profiles.at(cfg_.default_profile);
    if (c.kind == command_kind::paper) {
        auto entry = co_await digests_.paper(c.arxiv_id, language);
        if (!entry) co_return text_answer("arXiv:" + c.arxiv_id + ": " + entry.err().message);
        core::digest context;
        context.date = harvest::today(cfg_.time_zone);
        context.profile = profile.name;
        context.language = language;
        co_return entry_answer(context, std::move(*entry));
    }
    auto day = harvest::today(cfg_.time_zone);
    if (c.kind == command_kind::yesterday) day -= std::chrono::days(1);
    if (c.kind == command_kind::date) day = c.date;
    auto built = co_await digests_.get_or_build(day, profile, language);
    if (!built) co_return text_answer("Could not build the digest for " + core::format_ymd(day) + ": " + built.err().message);
    answer a;
    a.what = answer::kind::digest;
    a.ephemeral = false;
    a.digest = std::move(*built);
    co_return a;
}

awaitable<std::optional<core::digest>> service::stored(store::digest_key key) {
    auto load = [key](store::store& s) { return s.load_digest(key); };
    auto json = co_await db_.run(load);
    if (!json) co_return std::nullopt;
    auto d = render::digest_from_json(*json);
    if (!d) {
        spdlog::warn("stored digest {} {} {} is unreadable: {}", key.day, key.profile, key.language, d.err().message);
        co_return std::nullopt;
    }
    co_return std::move(*d);
}

awaitable<std::optional<answer>> service::entry_of(store::digest_key key, int number) {
    auto d = co_await stored(key);
    if (!d) co_return std::nullopt;
    for (const auto& e : d->entries)
        if (e.number == number) co_return entry_answer(*d, e);
    co_return std::nullopt;
}

awaitable<std::optional<answer>> service::answer_thread_reply(store::digest_key key, std::string text) {
    auto d = co_await stored(key);
    if (!d) co_return std::nullopt;
    if (auto number = resolve_reply(text, *d)) {
        for (const auto& e : d->entries)
            if (e.number == *number) co_return entry_answer(*d, e);
    }
    if (auto id = mentioned_arxiv_id(text)) {
        auto entry = co_await digests_.paper(*id, key.language);
        if (!entry) co_return text_answer("arXiv:" + *id + ": " + entry.err().message, false);
        co_return entry_answer(*d, std::move(*entry));
    }
    co_return std::nullopt;
}

}  // namespace paperboy::bot
