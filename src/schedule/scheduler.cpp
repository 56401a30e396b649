#include "paperboy/schedule/scheduler.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "paperboy/metrics/registry.hpp"
#include "paperboy/schedule/subscriptions.hpp"
#include "paperboy/schedule/timing.hpp"

namespace paperboy::schedule {

namespace asio = boost::asio;
using asio::awaitable;
using done_channel = asio::experimental::concurrent_channel<void(boost::system::error_code)>;
using namespace std::chrono;

namespace {

std::string run_name(const store::schedule_run& r) { return std::to_string(r.sub.id) + "/" + r.local_date; }

}  // namespace

scheduler::scheduler(asio::any_io_executor executor, store::database& db, digest::digest_service& digests,
                     bot::service& bot, chat::publisher& publisher, metrics::registry& metrics,
                     const core::clock& clock, const config::config& cfg, std::string owner,
                     std::function<void()> wake_delivery)
    : executor_(executor), db_(db), digests_(digests), bot_(bot), publisher_(publisher), metrics_(metrics),
      clock_(clock), cfg_(cfg), owner_(std::move(owner)), wake_delivery_(std::move(wake_delivery)), timer_(executor) {
    metrics.describe_counter("paperboy_schedule_runs_total",
                             "Scheduled runs by platform and outcome: started, delivered, late, waiting, skipped, "
                             "quiet, failed, completed.");
    metrics.describe_gauge("paperboy_schedule_next_run_timestamp_seconds",
                           "When each subscription runs next (unix seconds).");
}

void scheduler::count(const std::string& platform, const char* outcome) {
    metrics_.add("paperboy_schedule_runs_total", {{"platform", platform}, {"outcome", outcome}});
}

void scheduler::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    asio::post(timer_.get_executor(), [this] { timer_.cancel(); });
}

void scheduler::stop() {
    stopped_ = true;
    wake();
}

awaitable<int> scheduler::sync_configured() {
    std::vector<store::subscription> wanted;
    for (const auto& c : cfg_.subscriptions) {
        store::subscription s;
        s.platform = c.platform;
        s.workspace = c.workspace;
        s.channel = c.channel;
        s.time = c.time;
        s.time_zone = c.time_zone.empty() ? cfg_.time_zone : c.time_zone;
        s.language = c.language;
        s.profile = c.profile;
        s.weekdays = parse_weekdays(c.weekdays).value_or(monday_to_friday);
        s.quiet_empty_days = c.quiet_empty_days;
        s.origin = "config";
        wanted.push_back(std::move(s));
    }
    if (cfg_.archive.enabled) {
        store::subscription s;
        s.platform = "archive";
        s.channel = "web";
        s.time = cfg_.archive.time;
        s.time_zone = cfg_.time_zone;
        s.weekdays = parse_weekdays(cfg_.archive.weekdays).value_or(monday_to_friday);
        s.origin = "archive";
        wanted.push_back(std::move(s));
    }
    auto sync = [wanted, now = clock_.now()](store::store& st) {
        for (const auto& old : st.list_subscriptions()) {
            if (old.origin != "config" && old.origin != "archive") continue;
            const bool still =
                std::any_of(wanted.begin(), wanted.end(), [&old](const auto& w) { return same_place(w, old); });
            if (!still) st.remove_subscription(old.platform, old.workspace, old.channel);
        }
        for (const auto& w : wanted) save(st, w, now);
        return static_cast<int>(wanted.size());
    };
    const int n = co_await db_.run(sync);
    for (const auto& w : wanted) {
        const auto* out = publisher_.port_for(w.platform);
        if (w.platform != "archive" && (!out || !out->can_post()))
            spdlog::warn("schedule: subscriptions[] names {} channel {}, but {} is not connected (no bot token): its "
                         "runs will fail until it is",
                         w.platform, w.channel, w.platform);
    }
    co_return n;
}

awaitable<void> scheduler::run() {
    running_ = true;
    struct not_running {
        std::atomic<bool>& flag;
        ~not_running() { flag = false; }
    } on_exit{running_};
    steady_clock::time_point last_published{};
    while (!stopped_) {
        int handled = 0;
        std::int64_t earliest = 0;
        try {
            handled = co_await claim_and_work(false);
        } catch (const std::exception& e) {
            spdlog::error("schedule: {}", e.what());  // the store did not answer: again at the next poll
        }
        if (stopped_) break;
        if (handled > 0) continue;
        try {
            // The gauges list every subscription: at most once per poll, not at every wake.
            if (steady_clock::now() - last_published >= cfg_.schedule.poll_interval) {
                co_await publish_next_runs();
                last_published = steady_clock::now();
            }
            auto first = [](store::store& s) { return s.earliest_next_run(); };
            earliest = co_await db_.run(first);
        } catch (const std::exception& e) {
            spdlog::error("schedule: {}", e.what());
        }
        {
            // Checked after the queries above: a wake during them must not wait for the next poll.
            std::lock_guard lock(mutex_);
            if (woken_) {
                woken_ = false;
                continue;
            }
        }
        auto wait = cfg_.schedule.poll_interval;
        if (earliest > 0) {
            const auto until = milliseconds(earliest - clock_.now_ms());
            if (until < wait) wait = std::max(until, milliseconds(1));
        }
        timer_.expires_after(wait);
        co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        std::lock_guard lock(mutex_);
        woken_ = false;
    }
}

awaitable<void> scheduler::publish_next_runs() {
    auto list = [](store::store& s) { return s.list_subscriptions(); };
    for (const auto& sub : co_await db_.run(list))
        metrics_.set("paperboy_schedule_next_run_timestamp_seconds",
                     {{"subscription", std::to_string(sub.id)}, {"platform", sub.platform}, {"channel", sub.channel}},
                     static_cast<double>(sub.next_run_at) / 1000.0);
}

awaitable<int> scheduler::run_due() { co_return co_await claim_and_work(true); }

awaitable<int> scheduler::release() {
    auto release = [owner = owner_](store::store& s) { return s.release_schedule_runs(owner); };
    co_return co_await db_.run(release);
}

awaitable<int> scheduler::claim_and_work(bool wait) {
    const int room = cfg_.schedule.concurrency - in_flight_.load();
    if (room <= 0 || stopped_) co_return 0;  // each finishing run wakes the loop
    const store::schedule_claim c{owner_, clock_.now_ms(), cfg_.schedule.lease.count(), room};
    auto claim = [c](store::store& s) {
        return s.claim_schedule_runs(c, advance);
    };
    auto claimed = co_await db_.run(claim);
    std::vector<store::schedule_run> runs;
    for (auto& r : claimed) {
        std::lock_guard lock(mutex_);
        // Our own lease ran out while we are still working on it: the claim renewed it for us.
        if (working_.insert(run_name(r)).second) runs.push_back(std::move(r));
    }
    if (runs.empty()) co_return 0;
    auto done = std::make_shared<done_channel>(executor_, runs.size());
    for (auto& r : runs) {
        ++in_flight_;
        auto job = [](scheduler* self, store::schedule_run run, std::shared_ptr<done_channel> done) -> awaitable<void> {
            const std::string name = run_name(run);
            try {
                co_await self->work(std::move(run));
            } catch (const std::exception& e) {
                // The run stays claimed; when its lease ends it is taken again.
                spdlog::error("schedule: run {}: {}", name, e.what());
            }
            {
                std::lock_guard lock(self->mutex_);
                self->working_.erase(name);
            }
            --self->in_flight_;
            done->try_send(boost::system::error_code{});
            self->wake();
        };
        asio::co_spawn(executor_, job(this, std::move(r), done), asio::detached);
    }
    if (wait)
        for (std::size_t i = 0; i < runs.size(); ++i) co_await done->async_receive(asio::use_awaitable);
    co_return static_cast<int>(runs.size());
}

}  // namespace paperboy::schedule
