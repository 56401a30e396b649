// Digest requests that give up (a chat command's deadline, shutdown) while the digest is being
// built: the build must not outlive what it writes into, and others waiting for the same digest
// must still get it.
//
// The abandoned build goes on in the background (its summaries are cached and others may be
// waiting for it), so the first case lets the io_context run on after the request gave up; ASan
// would report a summary written into freed memory.
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include "digest_fixture.hpp"

using namespace paperboy;
using namespace paperboy::test::digest_support;
namespace asio = boost::asio;

namespace {

// get_or_build under a deadline, as a request handler would bound it: nullopt when the deadline won.
asio::awaitable<std::optional<result<core::digest>>> within(digest::digest_service& s, pipeline::profile p,
                                                            std::chrono::milliseconds deadline) {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
    auto first = co_await (s.get_or_build(june_13, p, "en") || timer.async_wait(asio::use_awaitable));
    if (first.index() == 0) co_return std::get<0>(std::move(first));
    co_return std::nullopt;
}

// get_or_build asked a little later (so that it joins a build already running).
asio::awaitable<result<core::digest>> later(digest::digest_service& s, pipeline::profile p) {
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
    co_await timer.async_wait(asio::use_awaitable);
    co_return co_await s.get_or_build(june_13, std::move(p), "en");
}

// One impatient caller (who starts the build and gives up) and one patient caller of the same digest.
asio::awaitable<result<core::digest>> impatient_then_patient(digest::digest_service& s, pipeline::profile p) {
    using namespace asio::experimental::awaitable_operators;
    auto [gave_up, patient] = co_await (within(s, p, std::chrono::milliseconds(300)) && later(s, p));
    BOOST_TEST(!gave_up.has_value());
    co_return std::move(patient);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(digest_cancellation, digest_fixture)

BOOST_AUTO_TEST_CASE(a_request_that_gives_up_leaves_no_summary_running) {
    anthropic.set_delay(std::chrono::milliseconds(800));
    auto gave_up = asio::co_spawn(ioc, within(service(), profile, std::chrono::milliseconds(300)), asio::use_future);
    // Run until the abandoned build has finished too: its summaries must not write into freed memory.
    ioc.run_for(std::chrono::milliseconds(3000));
    ioc.restart();
    BOOST_TEST(!gave_up.get().has_value());
    anthropic.set_delay(std::chrono::milliseconds(0));
    BOOST_TEST(build(june_13).entries.size() == 5u);
}

BOOST_AUTO_TEST_CASE(others_waiting_still_get_the_digest_when_the_first_gives_up_during_the_harvest) {
    sources.hf.set_handler([](const test::recorded_request& r) {
        test::scripted_reply reply{200, r.target.find("date=2026-06-12&p=0&") != std::string::npos ? hf_day() : "[]"};
        reply.delay = std::chrono::milliseconds(800);
        return reply;
    });
    auto d = run(impatient_then_patient(service(), profile));
    BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.err().message));
    BOOST_TEST(d->entries.size() == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
