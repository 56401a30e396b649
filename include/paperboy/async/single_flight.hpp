#pragma once
// Single-flight: while one coroutine computes the value for a key, others asking for the same key
// wait for that value instead of computing it again (one LLM call per paper, one build per digest,
// however many channels ask at once). Thread-safe; callers may be on any executor.
//
// `work` is a plain callable returning awaitable<Value> (not a coroutine lambda with captures:
// GCC 12); what it refers to must outlive the computation, not just the first caller. An exception
// from it reaches every waiter. The single_flight itself must outlive every computation.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace paperboy::async {

template <class Value>
class single_flight {
public:
    template <class Work>
    boost::asio::awaitable<Value> run(const std::string& key, Work work) {
        const auto executor = co_await boost::asio::this_coro::executor;
        std::shared_ptr<flight> f;
        bool leader = false;
        {
            std::lock_guard lock(mutex_);
            auto& slot = flights_[key];
            if (!slot) {
                slot = std::make_shared<flight>();
                leader = true;
            }
            f = slot;
        }
        std::shared_ptr<channel> wake;
        {
            std::lock_guard flock(f->mutex);
            if (!f->done) {
                wake = std::make_shared<channel>(executor, 1);
                f->waiters.push_back(wake);
            }
        }
        // The work runs in a coroutine of its own: a leader that gives up (cancellation) stops
        // waiting, but the work goes on for everyone else waiting on the same key.
        if (leader) boost::asio::co_spawn(executor, publish(this, key, f, work()), boost::asio::detached);
        if (wake) co_await wake->async_receive(boost::asio::use_awaitable);
        std::lock_guard flock(f->mutex);
        if (f->failure) std::rethrow_exception(f->failure);
        co_return *f->value;
    }

    // Keys being computed right now (for tests and metrics).
    std::size_t in_flight() const {
        std::lock_guard lock(mutex_);
        return flights_.size();
    }

private:
    using channel = boost::asio::experimental::concurrent_channel<void(boost::system::error_code)>;
    struct flight;

    static boost::asio::awaitable<void> publish(single_flight* self, std::string key, std::shared_ptr<flight> f,
                                                boost::asio::awaitable<Value> work) {
        std::optional<Value> value;
        std::exception_ptr failure;
        try {
            value.emplace(co_await std::move(work));
        } catch (...) {
            failure = std::current_exception();
        }
        std::vector<std::shared_ptr<channel>> waiters;
        {
            std::lock_guard lock(self->mutex_);
            self->flights_.erase(key);
            std::lock_guard flock(f->mutex);
            f->done = true;
            f->value = std::move(value);
            f->failure = failure;
            waiters.swap(f->waiters);
        }
        for (auto& w : waiters) w->try_send(boost::system::error_code{});
    }

    struct flight {
        std::mutex mutex;
        bool done = false;
        std::optional<Value> value;
        std::exception_ptr failure;
        std::vector<std::shared_ptr<channel>> waiters;
    };
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<flight>> flights_;
};

}  // namespace paperboy::async
