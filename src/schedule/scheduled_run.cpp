// One scheduled run (scheduler.hpp): the digest posted, postponed while a source is down, skipped
// when too late, or completed with papers that follow in its thread.
#include <spdlog/spdlog.h>

#include "paperboy/bot/help.hpp"
#include "paperboy/core/failpoint.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/harvest/windows.hpp"
#include "paperboy/schedule/scheduler.hpp"
#include "paperboy/schedule/timing.hpp"

namespace paperboy::schedule {

using boost::asio::awaitable;
using namespace std::chrono;

namespace {

constexpr milliseconds late_after{10 * 60'000};        // later than this, a post says it is late
constexpr milliseconds follow_up_for{18 * 3'600'000};  // papers of a source that comes back follow this long
constexpr milliseconds retry_cap{30 * 60'000};

constexpr int max_attempts = 5;  // claims of a run whose work keeps failing before it is given up

// By place and local date, not subscription id: a channel that unsubscribes and subscribes again
// the same morning is not posted to twice.
std::string post_key(const store::schedule_run& r) {
    return "schedule:" + r.sub.platform + ":" + r.sub.workspace + ":" + r.sub.channel + ":" + r.local_date;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

system_clock::time_point at_ms(std::int64_t ms) { return system_clock::time_point(milliseconds(ms)); }

}  // namespace

struct scheduler::target {
    bot::conversation where;
    std::string profile, language, layout = "full";
    bool archive = false;  // the web archive: the digest is built and stored, nothing is posted
};

awaitable<scheduler::target> scheduler::target_of(const store::subscription& sub) {
    target t;
    t.where.platform = sub.platform;
    t.where.workspace = sub.workspace;
    t.where.channel = sub.channel;
    if (sub.platform == "archive") {
        t.archive = true;
        t.profile = cfg_.profiles.count(sub.profile) ? sub.profile : cfg_.default_profile;
        t.language = sub.language.empty() ? cfg_.profiles.at(t.profile).language : sub.language;
        co_return t;
    }
    const auto settings = co_await bot_.settings_of(t.where);
    t.profile = cfg_.profiles.count(sub.profile) ? sub.profile : settings.profile;
    t.language = sub.language.empty() ? settings.language : sub.language;
    t.layout = settings.layout;
    co_return t;
}

std::int64_t scheduler::retry_at(const store::schedule_run& run, std::int64_t deadline) const {
    // Half the time waited so far, between source_retry and 30 min: the waits grow geometrically.
    const std::int64_t now = clock_.now_ms();
    const auto waited = milliseconds((now - run.scheduled_at) / 2);
    const auto wait = std::clamp(waited, cfg_.schedule.source_retry, std::max(cfg_.schedule.source_retry, retry_cap));
    return std::min(now + wait.count(), deadline);
}

awaitable<void> scheduler::work(store::schedule_run run) {
    const auto t = co_await target_of(run.sub);
    std::vector<store::outbox_item> rows;
    // No co_await inside ?: — GCC 12 destroys the result twice.
    store::schedule_result result;
    if (run.attempts > max_attempts) {
        // Its work threw (or its worker died) every time: end it, counted, instead of forever.
        count(run.sub.platform, "failed");
        result.state = "failed";
        result.phase = run.phase;
        result.digest_day = run.digest_day;
        result.posted = run.posted;
        result.outcome = "gave up after " + std::to_string(max_attempts) + " attempts (see the log)";
    } else if (run.phase == "follow_up") {
        result = co_await follow_up(run, t, rows);
    } else {
        result = co_await post(run, t, rows);
    }
    core::failpoint("schedule.before_finish");
    auto finish = [id = run.sub.id, date = run.local_date, owner = owner_, result, rows](store::store& s) {
        return s.finish_schedule_run(id, date, owner, result, rows);
    };
    if (!co_await db_.run(finish)) {
        spdlog::warn("schedule: run {} of {} {} was taken over by another worker; its result is dropped",
                     run.local_date, run.sub.platform, run.sub.channel);
        co_return;
    }
    spdlog::info("schedule: {} {} run {} → {}: {}", run.sub.platform, run.sub.channel, run.local_date, result.state,
                 result.outcome);
    if (!rows.empty() && wake_delivery_) wake_delivery_();
}

awaitable<store::schedule_result> scheduler::post(const store::schedule_run& run, const target& t,
                                                  std::vector<store::outbox_item>& rows) {
    const auto& sc = cfg_.schedule;
    const std::int64_t now = clock_.now_ms();
    const milliseconds late{now - run.scheduled_at};
    const bool waiting = run.outcome.starts_with("waiting");
    const std::string platform = run.sub.platform;
    store::schedule_result r;
    if (late > sc.catch_up + (waiting ? sc.source_wait : milliseconds(0))) {
        count(platform, "skipped");
        r.state = "skipped";
        r.outcome = "missed: due " + format_local(run.sub.time_zone, floor<seconds>(at_ms(run.scheduled_at))) +
                    ", more than schedule.catch_up_ms before the server ran it";
        co_return r;
    }
    // Its first try: not postponed before (waiting, retrying) and not taken over from a dead worker.
    const bool first_try = run.outcome.empty() && run.attempts == 1;
    if (first_try) count(platform, "started");
    if (const auto* out = publisher_.port_for(platform); !t.archive && (!out || !out->can_post())) {
        count(platform, "failed");
        r.state = "failed";
        r.outcome = "cannot post to " + platform + ": no bot token is configured for it";
        co_return r;
    }
    // The newest day that is complete at the run's time (never one built before its papers are out).
    const auto day = harvest::latest_complete_day(cfg_.time_zone, at_ms(run.scheduled_at));
    const std::optional<milliseconds> fresh =
        waiting ? std::optional<milliseconds>(sc.source_retry / 2) : std::nullopt;  // a retry must rebuild
    auto built = co_await digests_.get_or_build(day, cfg_.profiles.at(t.profile), t.language, fresh);
    if (built && built->entries.empty() && built->source_warnings.empty())
        if (auto skipped = co_await skipped_day_with_papers(run, t, day)) built = std::move(*skipped);
    if (!built) {
        if (late < sc.catch_up) {
            r.state = "due";
            r.not_before = retry_at(run, run.scheduled_at + sc.catch_up.count());
            r.outcome = "retrying: " + built.err().message;
        } else {
            count(platform, "failed");
            r.state = "failed";
            r.outcome = "could not build the digest: " + built.err().message;
        }
        co_return r;
    }
    const core::digest& d = *built;
    const std::string missing = joined(d.source_warnings);
    if (!d.source_warnings.empty() && late < sc.source_wait) {
        count(platform, "waiting");
        r.state = "due";
        r.not_before = retry_at(run, run.scheduled_at + sc.source_wait.count());
        r.outcome = "waiting for " + missing;
        co_return r;
    }
    r.digest_day = core::format_ymd(d.date);
    r.posted = static_cast<int>(d.entries.size());
    r.state = d.source_warnings.empty() ? "done" : "due";
    if (!d.source_warnings.empty()) {
        r.phase = "follow_up";
        r.not_before = now + sc.source_retry.count();
    }
    if (t.archive) {
        count(platform, "delivered");
        r.outcome = std::to_string(d.entries.size()) + " papers on the web archive" +
                    (missing.empty() ? "" : " (partial: " + missing + " did not answer)");
        co_return r;
    }
    if (d.entries.empty() && run.sub.quiet_empty_days) {
        count(platform, "quiet");
        r.state = "done";
        r.phase = "post";
        r.outcome = "nothing posted (quiet_empty_days): " + d.empty_reason;
        co_return r;
    }
    const std::string key = post_key(run);
    if (late > late_after && first_try) {
        const bool ja = bot::is_japanese(t.language);
        const std::string note = ja ? "遅れて配信しています: " + run.sub.time + " の時点でサーバーが停止していました。"
                                    : "Delivered late: the server was down at " + run.sub.time + ".";
        chat::publication p{bot::text_answer(note, false), t.where, key + ":late", "", "", ""};
        rows = publisher_.rows_for(p);
        count(platform, "late");
    }
    bot::answer a;
    a.what = bot::answer::kind::digest;
    a.ephemeral = false;
    a.digest = d;
    a.layout = t.layout;
    chat::publication p{std::move(a), t.where, key, "", "", ""};
    auto digest_rows = publisher_.rows_for(p);
    rows.insert(rows.end(), digest_rows.begin(), digest_rows.end());
    count(platform, "delivered");
    r.outcome = "posted " + std::to_string(d.entries.size()) + " papers" +
                (d.entries.empty() ? " (" + d.empty_reason + ")" : "") +
                (missing.empty() ? "" : "; partial, waiting for " + missing) +
                (late > late_after ? "; late by " + std::to_string(duration_cast<minutes>(late).count()) + " min" : "");
    co_return r;
}

awaitable<std::optional<core::digest>> scheduler::skipped_day_with_papers(const store::schedule_run& run,
                                                                          const target& t, sys_days newest) {
    // The day this subscription last got; days after it that it did not get (its weekdays, or its
    // zone, skip digest days: 08:00 Monday in Tokyo is Sunday in UTC) may carry papers it never saw.
    auto history = [id = run.sub.id](store::store& s) { return s.list_schedule_runs(id, 8); };
    std::optional<sys_days> last;
    for (const auto& r : co_await db_.run(history)) {
        if (r.local_date == run.local_date || r.digest_day.empty()) continue;
        last = core::parse_ymd(r.digest_day);
        break;
    }
    if (!last) co_return std::nullopt;
    for (sys_days d = newest - days(1); d > *last && d >= newest - days(6); d -= days(1)) {
        auto built = co_await digests_.get_or_build(d, cfg_.profiles.at(t.profile), t.language);
        if (built && !built->entries.empty()) co_return std::move(*built);
    }
    co_return std::nullopt;
}

awaitable<store::schedule_result> scheduler::follow_up(const store::schedule_run& run, const target& t,
                                                       std::vector<store::outbox_item>& rows) {
    const std::int64_t now = clock_.now_ms();
    store::schedule_result r;
    r.digest_day = run.digest_day;
    r.posted = run.posted;
    r.phase = "follow_up";
    const auto day = core::parse_ymd(run.digest_day);
    if (!day || milliseconds(now - run.scheduled_at) > follow_up_for) {
        count(run.sub.platform, "completed");
        r.state = "done";
        r.outcome = "posted " + std::to_string(run.posted) + " papers; the missing sources did not come back that day";
        co_return r;
    }
    auto built = co_await digests_.get_or_build(*day, cfg_.profiles.at(t.profile), t.language,
                                                cfg_.schedule.source_retry / 2);
    r.state = "due";
    r.not_before = retry_at(run, now + retry_cap.count());
    r.outcome = run.outcome;
    if (!built) co_return r;
    const core::digest& d = *built;
    std::vector<core::digest_entry> fresh;
    for (const auto& e : d.entries)
        if (e.number > run.posted) fresh.push_back(e);
    if (!fresh.empty() && !t.archive) {
        const std::string key = post_key(run);
        const std::string parent = key + ":m0";
        const bool ja = bot::is_japanese(t.language);
        const std::string n = std::to_string(fresh.size());
        const std::string intro = ja ? "取得できなかったソースが復旧しました。追加の論文 " + n + " 件:"
                                     : n + " more paper" + (fresh.size() == 1 ? "" : "s") +
                                           ", now that the missing sources answered:";
        chat::publication head{bot::text_answer(intro, false), t.where, key + ":f" + std::to_string(run.posted), "",
                               "", parent};
        rows = publisher_.rows_for(head);
        for (const auto& e : fresh) {
            bot::answer a;
            a.what = bot::answer::kind::entry;
            a.ephemeral = false;
            a.digest = d;
            a.digest.entries.clear();
            a.entry = e;
            chat::publication p{std::move(a), t.where, key + ":e" + std::to_string(e.number), "", "", parent};
            auto more = publisher_.rows_for(p);
            rows.insert(rows.end(), more.begin(), more.end());
        }
    }
    r.posted = std::max(run.posted, static_cast<int>(d.entries.size()));
    if (d.source_warnings.empty()) {
        count(run.sub.platform, "completed");
        r.state = "done";
        r.outcome = "posted " + std::to_string(r.posted) + " papers; " + std::to_string(fresh.size()) +
                    " followed when the missing sources answered";
    }
    co_return r;
}

}  // namespace paperboy::schedule
