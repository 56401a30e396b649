#pragma once
// Runs one coroutine to completion on a single-threaded io_context and checks that it left no work
// behind (timers, reads) when it finished.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <exception>
#include <optional>
#include <thread>

namespace paperboy::test {

struct io_fixture {
    boost::asio::io_context ioc;

    template <class T>
    T run(boost::asio::awaitable<T> work) {
        std::optional<T> value;
        std::exception_ptr failure;
        bool done = false;
        boost::asio::co_spawn(ioc, std::move(work), [&](std::exception_ptr e, T v) {
            failure = e;
            if (!e) value.emplace(std::move(v));
            done = true;
        });
        while (!done && ioc.run_one() > 0) {
        }
        BOOST_REQUIRE_MESSAGE(done, "coroutine did not finish");
        // Another thread (a worker pool) may still be letting go of its work on this context: give it
        // a moment, but a pending timer or read is left-over work and fails the check.
        bool idle = false;
        for (int i = 0; i < 200 && !idle; ++i) {
            ioc.restart();
            ioc.poll();
            idle = ioc.stopped();
            if (!idle) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        BOOST_CHECK_MESSAGE(idle, "work left over after the coroutine finished");
        ioc.restart();
        if (failure) std::rethrow_exception(failure);
        return std::move(*value);
    }
};

}  // namespace paperboy::test
