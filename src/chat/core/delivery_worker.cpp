#include "paperboy/chat/delivery_worker.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include <random>

#include "paperboy/core/failpoint.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::chat {

namespace asio = boost::asio;
using asio::awaitable;
using done_channel = asio::experimental::concurrent_channel<void(boost::system::error_code)>;

namespace {

std::string host_name() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return host[0] ? host : "host";
}

}  // namespace

std::string make_owner_name() {
    std::random_device rd;
    char tail[16];
    std::snprintf(tail, sizeof tail, "%08x", rd());
    return host_name() + ":" + std::to_string(::getpid()) + ":" + tail;
}

bool owner_is_dead(const std::string& owner) {
    const std::string prefix = host_name() + ":";
    if (!owner.starts_with(prefix)) return false;
    const auto rest = owner.substr(prefix.size());
    const auto colon = rest.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    pid_t pid = 0;
    for (char ch : rest.substr(0, colon)) {
        if (ch < '0' || ch > '9') return false;
        pid = pid * 10 + (ch - '0');
    }
    return pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH;
}

delivery_worker::delivery_worker(asio::any_io_executor executor, store::database& db, metrics::registry& metrics,
                                 const core::clock& clock, worker_options options)
    : executor_(executor), db_(db), metrics_(metrics), clock_(clock), options_(std::move(options)), timer_(executor) {
    if (options_.owner.empty()) options_.owner = make_owner_name();
    metrics.describe_counter("paperboy_deliveries_total",
                             "Outbox rows by platform and outcome (sent, retry, unknown, failed, reconciled).");
}

void delivery_worker::add_port(port& p) { ports_.push_back(&p); }

port* delivery_worker::port_for(const std::string& outbox_platform) const {
    for (auto* p : ports_)
        if (p->delivers(outbox_platform)) return p;
    return nullptr;
}

void delivery_worker::count(const std::string& platform, const char* outcome) {
    metrics_.add("paperboy_deliveries_total", {{"platform", platform}, {"outcome", outcome}});
}

void delivery_worker::wake() {
    {
        std::lock_guard lock(wake_mutex_);
        woken_ = true;
    }
    asio::post(timer_.get_executor(), [this] { timer_.cancel(); });
}

void delivery_worker::stop() {
    stopped_ = true;
    wake();
}

std::chrono::milliseconds delivery_worker::backoff(int attempts) const {
    auto d = options_.backoff_base;
    for (int i = 1; i < attempts && d < options_.backoff_max; ++i) d *= 2;
    return std::min(d, options_.backoff_max);
}

bool delivery_worker::begin_delivery(std::int64_t id) {
    std::lock_guard lock(wake_mutex_);
    return delivering_.insert(id).second;
}

void delivery_worker::end_delivery(std::int64_t id) {
    std::lock_guard lock(wake_mutex_);
    delivering_.erase(id);
}

awaitable<void> delivery_worker::run() {
    running_ = true;
    struct not_running {
        std::atomic<bool>& flag;
        ~not_running() { flag = false; }
    } on_exit{running_};
    auto last_prune = std::chrono::steady_clock::now() - options_.prune_every;
    try {
        if (int n = co_await recover_dead_owners(); n > 0)
            spdlog::info("delivery: took over {} claim(s) of a process on this host that is gone", n);
    } catch (const std::exception& e) {
        spdlog::error("delivery: {}", e.what());
    }
    while (!stopped_) {
        int handled = 0;
        try {
            handled = co_await claim_and_deliver(false);
            if (std::chrono::steady_clock::now() - last_prune >= options_.prune_every) {
                last_prune = std::chrono::steady_clock::now();
                const auto horizon = std::chrono::time_point_cast<std::chrono::seconds>(
                    clock_.now() - std::chrono::days(options_.retention_days));
                auto prune = [before = core::format_rfc3339(horizon)](store::store& s) { return s.prune(before); };
                if (int removed = co_await db_.run(prune); removed > 0)
                    spdlog::info("outbox: pruned {} row(s) older than {} days", removed, options_.retention_days);
            }
        } catch (const std::exception& e) {
            // The store did not answer: try again at the next poll.
            spdlog::error("delivery: {}", e.what());
        }
        if (stopped_) break;
        if (handled > 0) continue;  // there may be more (other conversations)
        {
            std::lock_guard lock(wake_mutex_);
            if (woken_) {
                woken_ = false;
                continue;
            }
        }
        auto wait = options_.poll_interval;
        if (const auto next = next_retry_ms_.load(); next > 0) {
            const auto until = std::chrono::milliseconds(next - clock_.now_ms());
            if (until < wait) wait = std::max(until, std::chrono::milliseconds(1));
        }
        timer_.expires_after(wait);
        co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        std::lock_guard lock(wake_mutex_);
        woken_ = false;
    }
}

awaitable<int> delivery_worker::deliver_due() { co_return co_await claim_and_deliver(true); }

awaitable<int> delivery_worker::claim_and_deliver(bool wait) {
    const int room = std::min(options_.batch, options_.concurrency - in_flight_.load());
    if (room <= 0) co_return 0;  // each finishing delivery wakes the loop
    const auto now = clock_.now_ms();
    if (next_retry_ms_.load() <= now) next_retry_ms_ = 0;
    auto claim = [c = store::outbox_claim{options_.owner, now, options_.lease.count(), room}](store::store& s) {
        return s.claim_outbox(c);
    };
    auto claimed = co_await db_.run(claim);
    if (claimed.empty()) co_return 0;
    std::vector<store::outbox_item> rows;
    for (auto& row : claimed) {
        // Our own lease ran out while we are still sending it: the claim just renewed it for us,
        // and the delivery in flight goes on (a second one could post it twice).
        if (!begin_delivery(row.id)) continue;
        if (stopped_) {
            // Stopping: hand it back unsent, as it was.
            auto back = [id = row.id, owner = options_.owner, e = row.last_error, unclear = row.unclear](store::store& s) {
                return s.mark_retry(id, owner, e, 0, unclear, true);
            };
            co_await db_.run(back);
            end_delivery(row.id);
            continue;
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) co_return 0;
    // One row per conversation: deliver them side by side. run() goes on claiming while they are in
    // flight (a conversation with a claimed row is not claimed again); each one that finishes wakes
    // it, for that conversation's next row. deliver_due() waits for all of them.
    auto done = std::make_shared<done_channel>(executor_, rows.size());
    for (auto& row : rows) {
        ++in_flight_;
        auto job = [](delivery_worker* self, store::outbox_item item, std::shared_ptr<done_channel> done) -> awaitable<void> {
            const auto id = item.id;
            try {
                co_await self->deliver(std::move(item));
            } catch (const std::exception& e) {
                // The row stays claimed; when its lease ends it is taken again, as unclear.
                spdlog::error("delivery: {}", e.what());
            }
            --self->in_flight_;
            self->end_delivery(id);
            done->try_send(boost::system::error_code{});
            self->wake();
        };
        asio::co_spawn(executor_, job(this, std::move(row), done), asio::detached);
    }
    if (wait)
        for (std::size_t i = 0; i < rows.size(); ++i) co_await done->async_receive(asio::use_awaitable);
    co_return static_cast<int>(rows.size());
}

namespace {

// A row's channel as logs may show it: a private address (a Slack response_url, a Discord
// interaction's webhook) carries a token, so only its host or its first part is shown.
std::string loggable(const std::string& channel) {
    if (auto scheme = channel.find("://"); scheme != std::string::npos)
        return channel.substr(0, channel.find('/', scheme + 3));
    if (auto slash = channel.find('/'); slash != std::string::npos) return channel.substr(0, slash) + "/…";
    return channel;
}

}  // namespace

awaitable<void> delivery_worker::fail(const store::outbox_item& item, port* p, const std::string& error) {
    auto mark = [id = item.id, owner = options_.owner, error](store::store& s) { return s.mark_failed(id, owner, error); };
    const bool held = co_await db_.run(mark);
    count(item.platform, "failed");
    spdlog::warn("delivery to {} {} failed for good: {}", item.platform, loggable(item.channel), error);
    if (!held || item.requester.empty() || !p) co_return;
    // After the answer's first message (index 1): on Discord a follow-up, not an edit of the answer.
    auto note = p->private_row(item.requester, p->text_message(p->failure_note(error, item.language)), false, 1);
    if (!note) co_return;
    note->idempotency_key = item.idempotency_key + ":failed";
    auto enqueue = [rows = std::vector<store::outbox_item>{*note}](store::store& s) { return s.enqueue(rows); };
    co_await db_.run(enqueue);
    wake();
}

awaitable<void> delivery_worker::deliver(store::outbox_item item) {
    auto* p = port_for(item.platform);
    if (!p) {
        const std::string why = "no " + item.platform + " integration is configured";
        co_await fail(item, nullptr, why);
        co_return;
    }
    const auto& owner = options_.owner;
    auto retry_at = [this](std::chrono::milliseconds d) {
        const auto at = clock_.now_ms() + d.count();
        auto prev = next_retry_ms_.load();
        while ((prev == 0 || at < prev) && !next_retry_ms_.compare_exchange_weak(prev, at)) {
        }
        return at;
    };
    const bool exhausted = item.attempts > options_.max_attempts;
    if (item.unclear || exhausted) {
        // An earlier attempt may have arrived: never send blindly.
        auto found = co_await p->find_sent(item);
        if (!found) {
            auto mark = [id = item.id, owner, e = "looking for an earlier attempt: " + found.err().message,
                         at = retry_at(backoff(item.attempts)), unclear = item.unclear](store::store& s) {
                return s.mark_retry(id, owner, e, at, unclear);
            };
            co_await db_.run(mark);
            count(item.platform, "unknown");
            co_return;
        }
        if (found->what == lookup::status::found) {
            auto mark = [id = item.id, owner, remote = found->remote_id](store::store& s) { return s.mark_sent(id, owner, remote); };
            co_await db_.run(mark);
            count(item.platform, "reconciled");
            spdlog::info("delivery: {} was already posted ({}); not sent again", item.idempotency_key, found->remote_id);
            co_return;
        }
        if (found->what == lookup::status::cannot_tell && item.unclear) {
            const std::string why = "an earlier attempt may have arrived and this platform cannot check; not re-sent";
            co_await fail(item, p, why);
            co_return;
        }
    }
    if (exhausted) {
        // Named first: GCC 12 mishandles temporaries inside co_await expressions.
        const std::string why = "gave up after " + std::to_string(item.attempts - 1) + " attempts" +
                                (item.last_error.empty() ? "" : ": " + item.last_error);
        co_await fail(item, p, why);
        co_return;
    }
    auto out = co_await p->send(item);
    core::failpoint("outbox.after_send");
    switch (out.what) {
        case send_outcome::status::sent: {
            auto mark = [id = item.id, owner, remote = out.remote_id](store::store& s) { return s.mark_sent(id, owner, remote); };
            if (!co_await db_.run(mark))
                spdlog::warn("delivery: {} was sent but its claim had expired", item.idempotency_key);
            count(item.platform, "sent");
            break;
        }
        case send_outcome::status::retry:
        case send_outcome::status::unclear: {
            const bool unclear = out.what == send_outcome::status::unclear;
            const auto delay = out.retry_after.value_or(backoff(item.attempts));
            // A rate limit says the platform did not act: it does not use up an attempt.
            const bool refund = !unclear && (out.retry_after.has_value() || out.error == "ratelimited");
            auto mark = [id = item.id, owner, e = out.error, at = retry_at(delay), unclear, refund](store::store& s) {
                return s.mark_retry(id, owner, e, at, unclear, refund);
            };
            co_await db_.run(mark);
            count(item.platform, unclear ? "unknown" : "retry");
            spdlog::warn("delivery to {} {}: {}; {} in {} ms", item.platform, loggable(item.channel), out.error,
                         unclear ? "will look for it, then retry" : "retrying", delay.count());
            break;
        }
        case send_outcome::status::failed: co_await fail(item, p, out.error); break;
    }
}

awaitable<int> delivery_worker::recover_dead_owners() {
    auto recover = [](store::store& s) {
        int released = 0;
        for (const auto& owner : s.claim_owners()) {
            if (!owner_is_dead(owner)) continue;
            released += s.release_claims(owner) + s.release_digest_builds(owner) + s.release_schedule_runs(owner);
        }
        return released;
    };
    co_return co_await db_.run(recover);
}

awaitable<int> delivery_worker::release() {
    auto release = [owner = options_.owner](store::store& s) { return s.release_claims(owner); };
    co_return co_await db_.run(release);
}

}  // namespace paperboy::chat
