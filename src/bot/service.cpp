#include "paperboy/bot/service.hpp"

#include <spdlog/spdlog.h>

#include "paperboy/bot/help.hpp"
#include "paperboy/bot/reply.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/harvest/windows.hpp"
#include "paperboy/schedule/subscriptions.hpp"
#include "paperboy/schedule/timing.hpp"

namespace paperboy::bot {

using boost::asio::awaitable;

namespace {

answer entry_answer(const core::digest& context, core::digest_entry entry) {
    answer a;
    a.what = answer::kind::entry;
    a.ephemeral = false;
    a.digest = context;
    a.digest.entries.clear();
    a.entry = std::move(entry);
    return a;
}

// "ja-JP" → "ja", "en_US" → "en": summaries are written per primary language.
std::string language_of_locale(const std::string& locale) {
    auto primary = locale.substr(0, locale.find_first_of("-_"));
    for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return primary.size() >= 2 && primary.size() <= 3 ? primary : "";
}

std::string profile_list(const config::config& cfg) {
    std::string out;
    for (const auto& [name, p] : cfg.profiles) out += (out.empty() ? "`" : ", `") + name + "`";
    return out;
}

std::string marked(const std::string& value, bool set, bool ja) {
    return "`" + value + "`" + (set ? "" : ja ? "（既定）" : " (default)");
}

std::string days_for_people(unsigned days, bool ja) {
    const std::string canonical = schedule::format_weekdays(days);
    if (canonical == "daily") return ja ? "毎日" : "every day";
    if (canonical == "mon-fri") return ja ? "月〜金" : "Monday to Friday";
    return canonical;
}

// "08:00 (Asia/Tokyo), Monday to Friday; next 2026-12-03 08:00 JST (2026-12-02 23:00 UTC)"
std::string describe(const store::subscription& s, bool ja) {
    return s.time + " (" + s.time_zone + ")" + (ja ? "、" : ", ") + days_for_people(s.weekdays, ja) +
           (ja ? "。次回: " : "; next ") + schedule::describe_next_run(s);
}

}  // namespace

service::service(digest::digest_service& digests, store::database& db, const config::config& cfg,
                 const core::clock& clock)
    : digests_(digests), db_(db), cfg_(cfg), clock_(clock) {}

const std::string& service::default_language() const { return cfg_.profiles.at(cfg_.default_profile).language; }

std::chrono::sys_days service::today() const { return harvest::today(cfg_.time_zone, clock_.now()); }

bool service::needs_work(const command& c) {
    return c.kind == command_kind::today || c.kind == command_kind::yesterday || c.kind == command_kind::date ||
           c.kind == command_kind::paper;
}

awaitable<resolved_settings> service::settings_of(const conversation& where) {
    auto load = [p = where.platform, w = where.workspace, ch = where.channel](store::store& s) {
        return s.load_channel_settings(p, w, ch);
    };
    auto stored = co_await db_.run(load);
    resolved_settings r;
    r.profile = cfg_.default_profile;
    if (stored && !stored->profile.empty()) {
        if (cfg_.profiles.count(stored->profile)) {
            r.profile = stored->profile;
            r.profile_set = true;
        } else {
            spdlog::warn("{} channel {}: profile {} is no longer configured; using {}", where.platform, where.channel,
                         stored->profile, cfg_.default_profile);
        }
    }
    r.language = cfg_.profiles.at(r.profile).language;
    if (stored && !stored->language.empty()) {
        r.language = stored->language;
        r.language_set = true;
    } else if (auto from_locale = language_of_locale(where.locale); !from_locale.empty()) {
        r.language = from_locale;
    }
    r.layout = where.platform == "discord" ? cfg_.discord.layout : cfg_.slack.layout;
    if (stored && !stored->layout.empty()) {
        r.layout = stored->layout;
        r.layout_set = true;
    }
    co_return r;
}

std::optional<answer> service::immediate(const command& c, const std::string& language) const {
    const bool ja = is_japanese(language);
    switch (c.kind) {
        case command_kind::help: return text_answer(help_text(language));
        case command_kind::usage: return text_answer(usage_text(language, c.problem));
        case command_kind::date:
            // A day that has not come yet has no digest; building one now would store it (empty, or
            // with today's papers) and serve that stored copy when the day comes.
            if (c.date <= today()) return std::nullopt;
            return text_answer(ja ? core::format_ymd(c.date) + " はまだ来ていない日付です。`/papers today` をお使いください。"
                                  : "There is no digest for " + core::format_ymd(c.date) +
                                        " yet: that day has not come. Try `/papers today`.");
        default: return std::nullopt;
    }
}

std::string service::failure_text(const std::string& language) {
    return is_japanese(language) ? "申し訳ありません、処理に失敗しました。数分後にもう一度お試しください。"
                                 : "Sorry, that did not work. Try again in a few minutes.";
}

awaitable<answer> service::answer_command(command c, conversation where) {
    auto settings = co_await settings_of(where);
    if (auto now = immediate(c, settings.language)) co_return *now;
    if (c.kind == command_kind::settings) co_return co_await settings_answer(c, where);
    if (c.kind == command_kind::subscribe || c.kind == command_kind::unsubscribe)
        co_return co_await subscription_answer(c, where, settings.language);
    if (c.kind == command_kind::paper) {
        auto entry = co_await digests_.paper(c.arxiv_id, settings.language);
        if (!entry) co_return text_answer("arXiv:" + c.arxiv_id + ": " + entry.err().message);
        core::digest context;
        context.date = today();
        context.profile = settings.profile;
        context.language = settings.language;
        co_return entry_answer(context, std::move(*entry));
    }
    auto day = today();
    if (c.kind == command_kind::yesterday) day -= std::chrono::days(1);
    if (c.kind == command_kind::date) day = c.date;
    co_return co_await digest_answer(day, settings);
}

awaitable<answer> service::digest_answer(std::chrono::sys_days day, const resolved_settings& s) {
    const bool ja = is_japanese(s.language);
    const std::string ymd = core::format_ymd(day);
    std::optional<core::digest> d;
    if (today() - day > std::chrono::days(cfg_.chat.max_backfill_days)) {
        // Too far back to build from chat (a harvest per request would be an easy way to run up costs).
        const store::digest_key key{ymd, s.profile, s.language};
        d = co_await digests_.stored(key);
        if (!d)
            co_return text_answer(ja ? ymd + " のダイジェストは保存されていません（チャットから作成できるのは " +
                                           std::to_string(cfg_.chat.max_backfill_days) + " 日前までです）。"
                                     : "There is no stored digest for " + ymd + ", and chat builds digests at most " +
                                           std::to_string(cfg_.chat.max_backfill_days) + " days back.");
    } else {
        auto built = co_await digests_.get_or_build(day, cfg_.profiles.at(s.profile), s.language);
        if (!built) {
            spdlog::warn("digest {} {} {}: {}", ymd, s.profile, s.language, built.err().message);
            co_return text_answer(ja ? ymd + " のダイジェストを作成できませんでした。数分後にもう一度お試しください。"
                                     : "Could not build the digest for " + ymd + ". Try again in a few minutes.");
        }
        d = std::move(*built);
    }
    answer a;
    a.what = answer::kind::digest;
    a.ephemeral = false;
    a.digest = std::move(*d);
    a.layout = s.layout;
    co_return a;
}

awaitable<answer> service::settings_answer(const command& c, const conversation& where) {
    auto current = co_await settings_of(where);
    const bool ja = is_japanese(current.language);
    const std::string profiles = profile_list(cfg_);
    if (c.setting.empty()) {
        auto load = [where](store::store& s) { return s.load_subscription(where.platform, where.workspace, where.channel); };
        const auto sub = co_await db_.run(load);
        const std::string schedule = sub ? describe(*sub, ja) : ja ? "なし（`/papers subscribe` で設定）" : "none (`/papers subscribe` sets one)";
        co_return text_answer(
            ja ? "このチャンネルの設定: プロファイル " + marked(current.profile, current.profile_set, true) + "、言語 " +
                     marked(current.language, current.language_set, true) + "、レイアウト " +
                     marked(current.layout, current.layout_set, true) + "。\n定時配信: " + schedule +
                     "\n利用できるプロファイル: " + profiles
               : "Settings of this channel: profile " + marked(current.profile, current.profile_set, false) +
                     ", language " + marked(current.language, current.language_set, false) + ", layout " +
                     marked(current.layout, current.layout_set, false) + ".\nScheduled digest: " + schedule +
                     "\nProfiles: " + profiles);
    }
    if (c.setting == "profile" && !cfg_.profiles.count(c.value)) {
        co_return text_answer(ja ? "プロファイル `" + c.value + "` はありません。利用できるもの: " + profiles
                                 : "There is no profile `" + c.value + "`. Profiles: " + profiles);
    }
    auto save = [where, c, current](store::store& s) {
        auto row = s.load_channel_settings(where.platform, where.workspace, where.channel)
                       .value_or(store::channel_settings{where.platform, where.workspace, where.channel, "", "", ""});
        if (c.setting == "profile") row.profile = c.value;
        if (c.setting == "language") row.language = c.value;
        if (c.setting == "layout") row.layout = c.value;
        s.save_channel_settings(row);
    };
    co_await db_.run(save);
    const bool now_ja = c.setting == "language" ? is_japanese(c.value) : ja;
    // Visible to the channel: everyone there gets digests in the new way.
    co_return text_answer(now_ja ? "このチャンネルの " + c.setting + " を `" + c.value + "` にしました。"
                                 : "This channel's " + c.setting + " is now `" + c.value + "`.",
                          false);
}

awaitable<answer> service::subscription_answer(const command& c, const conversation& where, const std::string& language) {
    const bool ja = is_japanese(language);
    auto load = [where](store::store& s) { return s.load_subscription(where.platform, where.workspace, where.channel); };
    if (const auto current = co_await db_.run(load); current && current->origin == "config") {
        // The file wins at every start: a change made here would silently come undone.
        co_return text_answer(ja ? "このチャンネルの定時配信は設定ファイル（subscriptions）で指定されています。変更はそちらで行ってください。"
                                 : "This channel's scheduled digest is set in paperboy's configuration file "
                                   "(`subscriptions`); change it there.");
    }
    if (c.kind == command_kind::unsubscribe) {
        auto remove = [where](store::store& s) { return schedule::remove(s, where.platform, where.workspace, where.channel); };
        if (!co_await db_.run(remove))
            co_return text_answer(ja ? "このチャンネルには定時配信がありません。" : "This channel has no scheduled digest.");
        co_return text_answer(ja ? "このチャンネルの定時配信を停止しました。" : "This channel no longer gets scheduled digests.",
                              false);
    }
    store::subscription sub;
    sub.platform = where.platform;
    sub.workspace = where.workspace;
    sub.channel = where.channel;
    sub.time = c.time;
    sub.time_zone = c.time_zone.empty() ? cfg_.time_zone : c.time_zone;
    sub.language = c.language;
    sub.weekdays = schedule::parse_weekdays(c.weekdays).value_or(schedule::monday_to_friday);  // empty: the default
    sub.origin = "chat";
    if (!schedule::known_zone(sub.time_zone)) {
        const auto close = schedule::close_zones(sub.time_zone);
        std::string names;
        for (const auto& z : close) names += (names.empty() ? "`" : "`, `") + z;
        if (!names.empty()) names += "`";
        if (ja)
            co_return text_answer("`" + sub.time_zone + "` というタイムゾーンはありません。" +
                                  (names.empty() ? "`Asia/Tokyo`、`Europe/Berlin`、`UTC` のような IANA 名を指定してください。"
                                                 : "もしかして: " + names));
        co_return text_answer("`" + sub.time_zone + "` is not a time zone I know. " +
                              (names.empty() ? "Use an IANA name such as `Asia/Tokyo`, `Europe/Berlin` or `UTC`."
                                             : "Did you mean " + names + "?"));
    }
    auto save = [sub, now = clock_.now()](store::store& s) { return schedule::save(s, sub, now); };
    const auto stored = co_await db_.run(save);
    const std::string lang = stored.language.empty() ? language : stored.language;
    co_return text_answer(ja ? "このチャンネルに `" + lang + "` のダイジェストを配信します: " + describe(stored, true)
                             : "This channel gets the digest in `" + lang + "` at " + describe(stored, false),
                          false);
}

awaitable<std::optional<answer>> service::entry_of(store::digest_key key, int number) {
    auto d = co_await digests_.stored(key);
    if (!d) co_return std::nullopt;
    for (const auto& e : d->entries)
        if (e.number == number) co_return entry_answer(*d, e);
    co_return std::nullopt;
}

awaitable<std::optional<answer>> service::answer_thread_reply(store::digest_key key, std::string text) {
    auto d = co_await digests_.stored(key);
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
