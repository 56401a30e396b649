#pragma once
// Runs blocking store calls on a dedicated thread pool (database.workers threads; the SQLite store
// keeps one connection per thread) and awaits them, so I/O threads never block.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <type_traits>

#include "paperboy/store/store.hpp"

namespace paperboy::store {

class database {
public:
    database(std::unique_ptr<store> s, int workers) : store_(std::move(s)), pool_(static_cast<std::size_t>(workers)) {}
    ~database() { pool_.join(); }

    // Waits for the calls already queued (shutdown). Calls queued afterwards never run.
    void finish() { pool_.join(); }

    // co_await db.run([](store& s) { return s.schema_version(); });  Exceptions propagate to the caller.
    template <class F>
    boost::asio::awaitable<std::invoke_result_t<F, store&>> run(F f) {
        return boost::asio::co_spawn(pool_, call(std::move(f), store_.get()), boost::asio::use_awaitable);
    }

    // Runs f(store) on the pool without waiting for it (clean-ups that may outlive their caller);
    // exceptions are dropped. The pool finishes queued calls before the database is destroyed.
    template <class F>
    void post(F f) {
        boost::asio::post(pool_, [f = std::move(f), s = store_.get()]() mutable {
            try {
                f(*s);
            } catch (const std::exception&) {
            }
        });
    }

    // Direct access for start-up and command-line work that has no I/O threads to protect.
    store& direct() { return *store_; }

private:
    template <class F>
    static boost::asio::awaitable<std::invoke_result_t<F, store&>> call(F f, store* s) {
        co_return f(*s);
    }

    std::unique_ptr<store> store_;
    boost::asio::thread_pool pool_;
};

}  // namespace paperboy::store
