#pragma once
// The delivery worker: claims due outbox rows, sends each through its platform's port and marks
// the outcome, every mark conditional on still holding the claim (README "How a post is
// delivered"). Several workers (replicas) may share one store: claims and leases keep them apart.
//
//   claimed row, unclear? ──yes──> port.find_sent: found → sent; cannot tell → failed; absent ↓
//   claimed more than max_attempts times → (looked for first) failed "gave up", requester told
//                         ──no───> port.send: sent → sent (+ the digest message remembered)
//                                             retry → pending until Retry-After / backoff
//                                             unclear → unknown (looked for before any re-send)
//                                             failed → failed (+ a private note to the requester)
//
// Threads: run() on any executor; wake() and stop() from any thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "paperboy/chat/port.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::chat {

struct worker_options {
    std::string owner;  // unique per process: "host:pid:random"
    std::chrono::milliseconds lease{120'000};
    std::chrono::milliseconds poll_interval{1'000};
    int max_attempts = 5;
    int batch = 64;
    // Rows in flight at once. A row waiting for its channel's pace (Slack: ~1 message/s per channel)
    // holds its place, so this bounds how many channels are served side by side.
    int concurrency = 2048;
    std::chrono::milliseconds backoff_base{1'000};
    std::chrono::milliseconds backoff_max{300'000};
    int retention_days = 30;                 // prune() horizon
    std::chrono::milliseconds prune_every{3'600'000};
};

// A process-unique owner name for claims: "host:pid:random".
std::string make_owner_name();
// Whether `owner` (make_owner_name's form) names a process on this host that no longer runs: its
// claims can be taken at once instead of after their lease. False for other hosts (replicas).
bool owner_is_dead(const std::string& owner);

class delivery_worker {
public:
    delivery_worker(boost::asio::any_io_executor executor, store::database& db, metrics::registry& metrics,
                    const core::clock& clock, worker_options options);

    void add_port(port& p);

    // Rows were enqueued: look now instead of at the next poll.
    void wake();
    // run() returns once the round in flight is done.
    void stop();

    // Claims and delivers until stop(); prunes old rows every prune_every.
    boost::asio::awaitable<void> run();
    // One round: claims a batch and delivers all of it (conversations in parallel), waiting for
    // every delivery. Returns how many rows it handled. Tests drive the worker with this and a
    // manual clock; run() does not wait for a round before claiming more.
    boost::asio::awaitable<int> deliver_due();
    // Frees the claims (outbox rows, digest builds, schedule runs) of dead processes on this host (run() does it
    // at start): their rows become unknown and are looked for before being sent.
    boost::asio::awaitable<int> recover_dead_owners();
    // Hands back whatever this worker still holds (after stop(), before the process exits).
    boost::asio::awaitable<int> release();

    // Rows being delivered right now.
    int in_flight() const { return in_flight_.load(); }
    // Whether run() is still looping (it may be in the middle of a claim).
    bool running() const { return running_.load(); }
    const std::string& owner() const { return options_.owner; }

private:
    boost::asio::awaitable<int> claim_and_deliver(bool wait);
    bool begin_delivery(std::int64_t id);
    void end_delivery(std::int64_t id);
    boost::asio::awaitable<void> deliver(store::outbox_item item);
    boost::asio::awaitable<void> fail(const store::outbox_item& item, port* p, const std::string& error);
    std::chrono::milliseconds backoff(int attempts) const;
    port* port_for(const std::string& outbox_platform) const;
    void count(const std::string& platform, const char* outcome);

    boost::asio::any_io_executor executor_;
    store::database& db_;
    metrics::registry& metrics_;
    const core::clock& clock_;
    worker_options options_;
    std::vector<port*> ports_;
    boost::asio::steady_timer timer_;
    std::mutex wake_mutex_;
    bool woken_ = false;
    std::set<std::int64_t> delivering_;  // ids in flight here (guarded by wake_mutex_)
    std::atomic<bool> stopped_{false};
    std::atomic<bool> running_{false};
    std::atomic<int> in_flight_{0};
    std::atomic<std::int64_t> next_retry_ms_{0};  // earliest next_attempt_at this worker set
};

}  // namespace paperboy::chat
