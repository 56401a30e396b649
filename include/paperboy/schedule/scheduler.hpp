#pragma once
// The scheduler: claims due runs of subscriptions and turns each into posts (README "Morning
// digests"). Several schedulers (replicas) may share one store: runs are unique per (subscription,
// local date) and claimed with a lease, and a run's posts are enqueued in the transaction that
// ends it, under fixed idempotency keys, so nothing is posted twice whatever crashes.
//
//   due run ── later than catch_up? ──> skipped (logged, counted)
//          └─> digest (built once for every channel that wants it)
//                 a source down, within source_wait → due again (backoff)
//                 nothing new and quiet_empty_days  → done, nothing posted
//                 else the digest's posts (+ "delivered late" when late) → done, or, when partial,
//                 follow_up: due again; papers that arrive later the same day go in its thread
//
// Threads: run() on any executor; wake() and stop() from any thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "paperboy/bot/service.hpp"
#include "paperboy/chat/publisher.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/digest/digest_service.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::schedule {

class scheduler {
public:
    // `wake_delivery` is called after a run enqueued posts (the delivery worker's wake()).
    scheduler(boost::asio::any_io_executor executor, store::database& db, digest::digest_service& digests,
              bot::service& bot, chat::publisher& publisher, metrics::registry& metrics, const core::clock& clock,
              const config::config& cfg, std::string owner, std::function<void()> wake_delivery);

    // Puts the configuration's subscriptions and the web archive's schedule into the store (those
    // that left the configuration are removed). Throws store::store_error.
    boost::asio::awaitable<int> sync_configured();

    // Claims and works on due runs until stop().
    boost::asio::awaitable<void> run();
    // One round: claims what is due now and works on all of it, waiting for every run. Returns how
    // many runs it worked on. Tests drive the scheduler with this and a manual clock.
    boost::asio::awaitable<int> run_due();
    void wake();
    void stop();
    bool running() const { return running_.load(); }
    int in_flight() const { return in_flight_.load(); }
    // Hands back the runs this scheduler still holds (after stop()).
    boost::asio::awaitable<int> release();

private:
    struct target;
    boost::asio::awaitable<int> claim_and_work(bool wait);
    boost::asio::awaitable<void> work(store::schedule_run run);
    boost::asio::awaitable<store::schedule_result> post(const store::schedule_run& run, const target& t,
                                                        std::vector<store::outbox_item>& rows);
    boost::asio::awaitable<store::schedule_result> follow_up(const store::schedule_run& run, const target& t,
                                                             std::vector<store::outbox_item>& rows);
    boost::asio::awaitable<target> target_of(const store::subscription& sub);
    // When the newest digest has nothing new: the newest digest with papers among the days since
    // the one this subscription last got (at most a week back), if any.
    boost::asio::awaitable<std::optional<core::digest>> skipped_day_with_papers(const store::schedule_run& run,
                                                                               const target& t,
                                                                               std::chrono::sys_days newest);
    std::int64_t retry_at(const store::schedule_run& run, std::int64_t deadline) const;
    boost::asio::awaitable<void> publish_next_runs();
    void count(const std::string& platform, const char* outcome);

    boost::asio::any_io_executor executor_;
    store::database& db_;
    digest::digest_service& digests_;
    bot::service& bot_;
    chat::publisher& publisher_;
    metrics::registry& metrics_;
    const core::clock& clock_;
    const config::config& cfg_;
    std::string owner_;
    std::function<void()> wake_delivery_;
    boost::asio::steady_timer timer_;
    std::mutex mutex_;
    bool woken_ = false;
    std::set<std::string> working_;  // runs in flight here, "id/local_date" (guarded by mutex_)
    std::atomic<bool> stopped_{false};
    std::atomic<bool> running_{false};
    std::atomic<int> in_flight_{0};
};

}  // namespace paperboy::schedule
