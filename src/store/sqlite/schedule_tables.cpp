// The schedule tables of sqlite_store: subscriptions and their runs (one row per subscription and
// local date, claimed with a lease like outbox rows).
#include "sqlite_store.hpp"

namespace paperboy::store {

namespace {

constexpr const char* subscription_columns =
    "s.id, s.platform, s.workspace, s.channel, s.time_of_day, s.time_zone, s.language, s.profile, s.weekdays, "
    "s.quiet_empty_days, s.origin, s.next_run_at, s.next_local_date";
constexpr int subscription_column_count = 13;

constexpr const char* run_columns =
    "r.local_date, r.scheduled_at, r.state, r.phase, r.attempts, r.owner, r.lease_until, r.not_before, r.outcome, "
    "r.digest_day, r.posted";

subscription read_subscription(statement& s) {
    subscription out;
    out.id = s.column_int(0);
    out.platform = s.column_text(1);
    out.workspace = s.column_text(2);
    out.channel = s.column_text(3);
    out.time = s.column_text(4);
    out.time_zone = s.column_text(5);
    out.language = s.column_text(6);
    out.profile = s.column_text(7);
    out.weekdays = static_cast<unsigned>(s.column_int(8));
    out.quiet_empty_days = s.column_int(9) != 0;
    out.origin = s.column_text(10);
    out.next_run_at = s.column_int(11);
    out.next_local_date = s.column_text(12);
    return out;
}

// A row of "SELECT <subscription_columns>, <run_columns>".
schedule_run read_run(statement& s) {
    schedule_run r;
    r.sub = read_subscription(s);
    constexpr int at = subscription_column_count;
    r.local_date = s.column_text(at);
    r.scheduled_at = s.column_int(at + 1);
    r.state = s.column_text(at + 2);
    r.phase = s.column_text(at + 3);
    r.attempts = static_cast<int>(s.column_int(at + 4));
    r.owner = s.column_text(at + 5);
    r.lease_until = s.column_int(at + 6);
    r.not_before = s.column_int(at + 7);
    r.outcome = s.column_text(at + 8);
    r.digest_day = s.column_text(at + 9);
    r.posted = static_cast<int>(s.column_int(at + 10));
    return r;
}

// The subscription of (platform, workspace, channel); with `any_workspace`, also one of the same
// channel where either side has no workspace (store.hpp load_subscription), the exact one first.
std::optional<subscription> subscription_where(sqlite3* db, const std::string& platform, const std::string& workspace,
                                               const std::string& channel, bool any_workspace = false) {
    statement s(db, std::string("SELECT ") + subscription_columns +
                        " FROM subscriptions s WHERE s.platform = ?1 AND s.channel = ?3 AND " +
                        (any_workspace ? "(s.workspace = ?2 OR s.workspace = '' OR ?2 = '') ORDER BY s.workspace = ?2 DESC LIMIT 1"
                                       : "s.workspace = ?2"));
    s.bind(1, platform).bind(2, workspace).bind(3, channel);
    if (!s.step()) return std::nullopt;
    return read_subscription(s);
}

}  // namespace

subscription sqlite_store::save_subscription(const subscription& sub) {
    auto c = conn();
    transaction tx(c);
    statement(c,
              "INSERT INTO subscriptions (platform, workspace, channel, time_of_day, time_zone, language, profile, "
              "weekdays, quiet_empty_days, origin, next_run_at, next_local_date) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, workspace, channel) DO UPDATE SET "
              "time_of_day = excluded.time_of_day, time_zone = excluded.time_zone, language = excluded.language, "
              "profile = excluded.profile, weekdays = excluded.weekdays, quiet_empty_days = excluded.quiet_empty_days, "
              "origin = excluded.origin, next_run_at = excluded.next_run_at, next_local_date = excluded.next_local_date")
        .bind(1, sub.platform)
        .bind(2, sub.workspace)
        .bind(3, sub.channel)
        .bind(4, sub.time)
        .bind(5, sub.time_zone)
        .bind(6, sub.language)
        .bind(7, sub.profile)
        .bind(8, static_cast<long long>(sub.weekdays))
        .bind(9, sub.quiet_empty_days ? 1LL : 0LL)
        .bind(10, sub.origin)
        .bind(11, static_cast<long long>(sub.next_run_at))
        .bind(12, sub.next_local_date)
        .step();
    auto stored = subscription_where(c, sub.platform, sub.workspace, sub.channel);
    if (!stored) throw store_error("subscriptions: row vanished after insert");
    tx.commit();
    return *stored;
}

bool sqlite_store::remove_subscription(const std::string& platform, const std::string& workspace,
                                       const std::string& channel) {
    auto c = conn();
    transaction tx(c);
    auto sub = subscription_where(c, platform, workspace, channel);
    if (!sub) return false;
    // Its runs go too: a run claimed right now then finds nothing to finish and enqueues nothing.
    statement(c, "DELETE FROM schedule_runs WHERE subscription_id = ?").bind(1, static_cast<long long>(sub->id)).step();
    statement(c, "DELETE FROM subscriptions WHERE id = ?").bind(1, static_cast<long long>(sub->id)).step();
    tx.commit();
    return true;
}

std::optional<subscription> sqlite_store::load_subscription(const std::string& platform, const std::string& workspace,
                                                            const std::string& channel) {
    return subscription_where(conn(), platform, workspace, channel, true);
}

std::vector<subscription> sqlite_store::list_subscriptions() {
    auto c = conn();
    statement s(c, std::string("SELECT ") + subscription_columns + " FROM subscriptions s ORDER BY s.next_run_at, s.id");
    std::vector<subscription> out;
    while (s.step()) out.push_back(read_subscription(s));
    return out;
}

std::int64_t sqlite_store::earliest_next_run() {
    auto c = conn();
    statement s(c, "SELECT COALESCE(MIN(next_run_at), 0) FROM subscriptions");
    return s.step() ? s.column_int(0) : 0;
}

std::vector<schedule_run> sqlite_store::claim_schedule_runs(const schedule_claim& claim,
                                                            const schedule_advance& advance) {
    auto c = conn();
    transaction tx(c);
    const auto now = static_cast<long long>(claim.now_ms);
    std::vector<subscription> due;
    {
        statement s(c, std::string("SELECT ") + subscription_columns + " FROM subscriptions s WHERE s.next_run_at <= ?");
        s.bind(1, now);
        while (s.step()) due.push_back(read_subscription(s));
    }
    statement insert(c,
                     "INSERT INTO schedule_runs (subscription_id, local_date, scheduled_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (subscription_id, local_date) DO NOTHING");
    statement move(c, "UPDATE subscriptions SET next_run_at = ?, next_local_date = ? WHERE id = ?");
    for (const auto& sub : due) {
        const auto slot = advance(sub, claim.now_ms);
        if (slot.run_at > 0) {
            insert.bind(1, static_cast<long long>(sub.id))
                .bind(2, slot.run_local_date)
                .bind(3, static_cast<long long>(slot.run_at))
                .step();
            insert.reset();
        }
        move.bind(1, static_cast<long long>(slot.next_at))
            .bind(2, slot.next_local_date)
            .bind(3, static_cast<long long>(sub.id))
            .step();
        move.reset();
    }
    std::vector<schedule_run> claimed;
    {
        statement s(c, std::string("SELECT ") + subscription_columns + ", " + run_columns +
                           " FROM schedule_runs r JOIN subscriptions s ON s.id = r.subscription_id "
                           "WHERE (r.state = 'due' AND r.not_before <= ?1) OR (r.state = 'claimed' AND r.lease_until < ?1) "
                           "ORDER BY r.scheduled_at, r.subscription_id LIMIT ?2");
        s.bind(1, now).bind(2, static_cast<long long>(claim.limit));
        while (s.step()) claimed.push_back(read_run(s));
    }
    statement take(c,
                   "UPDATE schedule_runs SET state = 'claimed', owner = ?, lease_until = ?, attempts = attempts + 1, "
                   "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE subscription_id = ? AND local_date = ?");
    for (auto& r : claimed) {
        r.state = "claimed";
        r.owner = claim.owner;
        r.lease_until = claim.now_ms + claim.lease_ms;
        ++r.attempts;
        take.bind(1, claim.owner)
            .bind(2, static_cast<long long>(r.lease_until))
            .bind(3, static_cast<long long>(r.sub.id))
            .bind(4, r.local_date)
            .step();
        take.reset();
    }
    tx.commit();
    return claimed;
}

bool sqlite_store::finish_schedule_run(std::int64_t subscription_id, const std::string& local_date,
                                       const std::string& owner, const schedule_result& result,
                                       const std::vector<outbox_item>& posts) {
    auto c = conn();
    transaction tx(c);
    statement(c,
              "UPDATE schedule_runs SET state = ?, phase = ?, not_before = ?, outcome = ?, "
              "digest_day = CASE WHEN ? = '' THEN digest_day ELSE ? END, posted = ?, owner = '', lease_until = 0, "
              "attempts = CASE WHEN ?1 = 'due' THEN 0 ELSE attempts END, "
              "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
              "WHERE subscription_id = ? AND local_date = ? AND state = 'claimed' AND owner = ?")
        .bind(1, result.state)
        .bind(2, result.phase)
        .bind(3, static_cast<long long>(result.not_before))
        .bind(4, result.outcome)
        .bind(5, result.digest_day)
        .bind(6, result.digest_day)
        .bind(7, static_cast<long long>(result.posted))
        .bind(8, static_cast<long long>(subscription_id))
        .bind(9, local_date)
        .bind(10, owner)
        .step();
    if (sqlite3_changes(c) == 0) return false;
    insert_items(c, posts);
    tx.commit();
    return true;
}

int sqlite_store::release_schedule_runs(const std::string& owner) {
    auto c = conn();
    statement(c,
              "UPDATE schedule_runs SET state = 'due', owner = '', lease_until = 0, attempts = MAX(attempts - 1, 0) "
              "WHERE state = 'claimed' AND owner = ?")
        .bind(1, owner)
        .step();
    return sqlite3_changes(c);
}

std::vector<schedule_run> sqlite_store::list_schedule_runs(std::int64_t subscription_id, int limit) {
    auto c = conn();
    statement s(c, std::string("SELECT ") + subscription_columns + ", " + run_columns +
                       " FROM schedule_runs r JOIN subscriptions s ON s.id = r.subscription_id "
                       "WHERE ?1 = 0 OR r.subscription_id = ?1 ORDER BY r.scheduled_at DESC LIMIT ?2");
    s.bind(1, static_cast<long long>(subscription_id)).bind(2, static_cast<long long>(limit));
    std::vector<schedule_run> out;
    while (s.step()) out.push_back(read_run(s));
    return out;
}

}  // namespace paperboy::store
