#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>

#include "io_fixture.hpp"
#include "paperboy/async/semaphore.hpp"
#include "paperboy/async/single_flight.hpp"

namespace asio = boost::asio;
using namespace std::chrono_literals;
using paperboy::async::semaphore;
using paperboy::async::single_flight;

namespace {

asio::awaitable<int> slow_value(std::atomic<int>& calls, int value) {
    ++calls;
    asio::steady_timer t(co_await asio::this_coro::executor, 50ms);
    co_await t.async_wait(asio::use_awaitable);
    co_return value;
}

asio::awaitable<int> ask(single_flight<int>& flights, std::atomic<int>& calls, std::string key, int value) {
    co_return co_await flights.run(key, [&calls, value] { return slow_value(calls, value); });
}

asio::awaitable<int> failing() {
    throw std::runtime_error("upstream down");
    co_return 0;
}

asio::awaitable<int> ask_failing(single_flight<int>& flights) {
    co_return co_await flights.run("k", [] { return failing(); });
}

asio::awaitable<void> hold_for_a_while(semaphore& s, std::atomic<int>& inside, std::atomic<int>& max_inside) {
    auto held = co_await s.hold();
    max_inside = std::max(max_inside.load(), ++inside);
    asio::steady_timer t(co_await asio::this_coro::executor, 20ms);
    co_await t.async_wait(asio::use_awaitable);
    --inside;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(async_utilities, paperboy::test::io_fixture)

BOOST_AUTO_TEST_CASE(concurrent_callers_share_one_computation) {
    single_flight<int> flights;
    std::atomic<int> calls{0};
    auto four = [](single_flight<int>& f, std::atomic<int>& c) -> asio::awaitable<int> {
        using namespace asio::experimental::awaitable_operators;
        auto [a, b, d, e] = co_await (ask(f, c, "paper", 1) && ask(f, c, "paper", 2) && ask(f, c, "paper", 3) &&
                                      ask(f, c, "other", 4));
        co_return a * 1000 + b * 100 + d * 10 + e;
    };
    BOOST_TEST(run(four(flights, calls)) == 1114);  // all "paper" callers got the first caller's value
    BOOST_TEST(calls.load() == 2);                  // one computation per key
    BOOST_TEST(flights.in_flight() == 0u);
    BOOST_TEST(run(ask(flights, calls, "paper", 9)) == 9);  // finished flights do not linger
    BOOST_TEST(calls.load() == 3);
}

BOOST_AUTO_TEST_CASE(failures_reach_every_caller) {
    single_flight<int> flights;
    BOOST_CHECK_THROW(run(ask_failing(flights)), std::runtime_error);
    BOOST_TEST(flights.in_flight() == 0u);
}

BOOST_AUTO_TEST_CASE(semaphore_bounds_concurrency) {
    semaphore sem(ioc.get_executor(), 2);
    std::atomic<int> inside{0}, max_inside{0};
    auto five = [](semaphore& s, std::atomic<int>& in, std::atomic<int>& mx) -> asio::awaitable<int> {
        using namespace asio::experimental::awaitable_operators;
        co_await (hold_for_a_while(s, in, mx) && hold_for_a_while(s, in, mx) && hold_for_a_while(s, in, mx) &&
                  hold_for_a_while(s, in, mx) && hold_for_a_while(s, in, mx));
        co_return 5;
    };
    BOOST_TEST(run(five(sem, inside, max_inside)) == 5);
    BOOST_TEST(max_inside.load() == 2);
    BOOST_TEST(inside.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
