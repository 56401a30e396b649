#pragma once
// A counting semaphore for coroutines on any thread: acquire() waits while `count` holders are
// inside. Built on a buffered concurrent channel, so a release never gets lost.
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace paperboy::async {

class semaphore {
public:
    semaphore(boost::asio::any_io_executor ex, std::size_t count) : slots_(ex, count) {}

    boost::asio::awaitable<void> acquire() {
        co_await slots_.async_send(boost::system::error_code{}, boost::asio::use_awaitable);
    }
    void release() {
        slots_.try_receive([](boost::system::error_code) {});
    }

    // Releases on scope exit: `auto held = co_await sem.hold();`
    struct holder {
        semaphore* s;
        holder(semaphore* sem) : s(sem) {}
        holder(holder&& o) noexcept : s(std::exchange(o.s, nullptr)) {}
        holder(const holder&) = delete;
        ~holder() {
            if (s) s->release();
        }
    };
    boost::asio::awaitable<holder> hold() {
        co_await acquire();
        co_return holder{this};
    }

private:
    boost::asio::experimental::concurrent_channel<void(boost::system::error_code)> slots_;
};

}  // namespace paperboy::async
