// The delivery worker and the publisher over a scripted port, a real SQLite store and a manual
// clock: every round is driven by deliver_due(), so nothing here waits on wall-clock time.
#include "paperboy/chat/delivery_worker.hpp"

#include <boost/test/unit_test.hpp>

#include <deque>
#include <filesystem>
#include <unistd.h>

#include "io_fixture.hpp"
#include "paperboy/chat/publisher.hpp"
#include "paperboy/metrics/registry.hpp"

using namespace paperboy;
using namespace std::chrono_literals;
using chat::lookup;
using chat::send_outcome;

namespace {

// A platform that answers sends from a script and remembers what it received.
class scripted_port final : public chat::port {
public:
    std::deque<send_outcome> script;  // answers in order; then "sent"
    std::vector<store::outbox_item> sent_items;
    std::map<std::string, std::string> on_platform;  // key → message id, as find_sent sees it
    int lookups = 0;
    int next_id = 0;

    std::string platform() const override { return "fake"; }
    bool delivers(const std::string& p) const override { return p == "fake" || p == "fake-private"; }
    bool can_post() const override { return true; }
    std::vector<std::string> digest_messages(const core::digest&, const std::string&) const override { return {"digest"}; }
    std::vector<std::string> thread_messages(const core::digest& d) const override {
        std::vector<std::string> out;
        for (const auto& e : d.entries) out.push_back("paper " + std::to_string(e.number));
        return out;
    }
    std::vector<std::string> entry_messages(const core::digest_entry& e, const std::string&) const override {
        return {"entry " + std::to_string(e.number)};
    }
    std::string text_message(const std::string& text) const override { return text; }
    std::optional<store::outbox_item> private_row(const std::string& address, const std::string& payload, bool,
                                                  std::size_t) const override {
        store::outbox_item row;
        row.platform = "fake-private";
        row.channel = address;
        row.payload = payload;
        return row;
    }
    int private_limit() const override { return 5; }
    std::string failure_note(const std::string& error, const std::string&) const override { return "failed: " + error; }

    boost::asio::awaitable<send_outcome> send(store::outbox_item item) override {
        sent_items.push_back(item);
        send_outcome o;
        if (!script.empty()) {
            o = script.front();
            script.pop_front();
        } else {
            o.what = send_outcome::status::sent;
        }
        // An unclear outcome may still have reached the platform: it did, here.
        if (o.what == send_outcome::status::sent || o.what == send_outcome::status::unclear) {
            const auto id = "ts" + std::to_string(++next_id);
            on_platform[item.idempotency_key] = id;
            if (o.what == send_outcome::status::sent) o.remote_id = id;
        }
        co_return o;
    }
    boost::asio::awaitable<result<lookup>> find_sent(store::outbox_item item) override {
        ++lookups;
        auto it = on_platform.find(item.idempotency_key);
        if (it == on_platform.end()) co_return lookup{lookup::status::absent, {}};
        co_return lookup{lookup::status::found, it->second};
    }

    std::size_t times_sent(const std::string& key) const {
        std::size_t n = 0;
        for (const auto& i : sent_items) n += i.idempotency_key == key;
        return n;
    }
};

send_outcome with(send_outcome::status s, std::string error = "", std::optional<std::chrono::milliseconds> after = {}) {
    send_outcome o;
    o.what = s;
    o.error = std::move(error);
    o.retry_after = after;
    return o;
}

struct worker_fixture : test::io_fixture {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-worker-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    static inline int counter = 0;
    store::database db{[this] {
                           std::filesystem::create_directories(dir);
                           auto s = store::open_store("sqlite:" + (dir / "w.db").string());
                           s->migrate();
                           return s;
                       }(),
                       1};
    metrics::registry metrics;
    core::manual_clock clock{std::chrono::system_clock::time_point(std::chrono::hours(24 * 20000))};
    scripted_port port;
    chat::delivery_worker worker{ioc.get_executor(), db, metrics, clock, options()};
    chat::publisher publisher{db, {}};

    static chat::worker_options options() {
        chat::worker_options o;
        o.owner = "test-worker";
        o.lease = 60s;
        o.max_attempts = 4;
        o.backoff_base = 1s;
        o.backoff_max = 8s;
        return o;
    }
    worker_fixture() {
        worker.add_port(port);
        publisher.add_port(port);
    }
    ~worker_fixture() { std::filesystem::remove_all(dir); }

    int round() { return run(worker.deliver_due()); }
    void publish(chat::publication p) { run(publisher.publish(std::move(p))); }
    store::outbox_item row(const std::string& key) {
        for (auto& r : db.direct().list_outbox("", 100))
            if (r.idempotency_key == key) return r;
        BOOST_FAIL("no row " << key);
        return {};
    }
    static chat::publication text(std::string text, std::string key, std::string requester = "") {
        bot::conversation where{"fake", "W1", "C1", "", "U1", "", std::move(requester)};
        return {bot::text_answer(std::move(text), false), where, std::move(key), {}, {}};
    }
};

core::digest three_papers() {
    core::digest d;
    d.date = std::chrono::sys_days{std::chrono::year{2026} / 2 / 23};
    d.profile = "llm";
    d.language = "ja";
    for (int i = 1; i <= 3; ++i) d.entries.push_back(core::digest_entry{i, {}, {}, 0});
    return d;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(delivery_worker, worker_fixture)

BOOST_AUTO_TEST_CASE(a_digest_is_posted_then_its_papers_in_its_thread_and_remembered) {
    bot::answer a;
    a.what = bot::answer::kind::digest;
    a.digest = three_papers();
    a.layout = "full";
    publish({a, {"fake", "W1", "C1", "", "U1", "", ""}, "k", {}, {}});
    BOOST_TEST(db.direct().list_outbox("pending", 10).size() == 4u);
    BOOST_TEST(round() == 1);  // the thread waits for its first message
    BOOST_TEST(port.sent_items.back().payload == "digest");
    auto key = db.direct().digest_for_message("fake", "C1", "ts1");
    BOOST_REQUIRE(key);
    BOOST_TEST(key->language == "ja");
    for (int i = 0; i < 3; ++i) BOOST_TEST(round() == 1);  // one conversation: one at a time, in order
    BOOST_TEST(round() == 0);
    BOOST_REQUIRE_EQUAL(port.sent_items.size(), 4u);
    for (int i = 1; i <= 3; ++i) {
        BOOST_TEST(port.sent_items[static_cast<std::size_t>(i)].payload == "paper " + std::to_string(i));
        BOOST_TEST(port.sent_items[static_cast<std::size_t>(i)].thread == "ts1");
    }
}

BOOST_AUTO_TEST_CASE(compact_layout_and_digests_inside_a_thread_have_no_paper_thread) {
    bot::answer a;
    a.what = bot::answer::kind::digest;
    a.digest = three_papers();
    a.layout = "compact";
    publish({a, {"fake", "W1", "C1", "", "U1", "", ""}, "c", {}, {}});
    a.layout = "full";
    publish({a, {"fake", "W1", "C2", "", "U1", "", ""}, "t", "1700.5", {}});
    BOOST_TEST(db.direct().list_outbox("", 10).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_rate_limit_waits_for_retry_after_then_sends_once) {
    port.script.push_back(with(send_outcome::status::retry, "ratelimited", 30s));
    publish(text("hello", "r"));
    BOOST_TEST(round() == 1);
    BOOST_TEST(row("r:m0").state == "pending");
    clock.advance(29s);
    BOOST_TEST(round() == 0);  // not before Retry-After
    clock.advance(1s);
    BOOST_TEST(round() == 1);
    BOOST_TEST(row("r:m0").state == "sent");
    BOOST_TEST(row("r:m0").attempts == 1);  // the rate-limited attempt was given back
    BOOST_TEST(port.lookups == 0);  // a refused request needs no looking for
}

BOOST_AUTO_TEST_CASE(an_unclear_outcome_is_looked_for_and_never_sent_twice) {
    port.script.push_back(with(send_outcome::status::unclear, "no answer in time"));
    publish(text("hello", "u"));
    BOOST_TEST(round() == 1);
    BOOST_TEST(row("u:m0").state == "unknown");
    clock.advance(1s);
    BOOST_TEST(round() == 1);
    BOOST_TEST(port.lookups == 1);
    BOOST_TEST(port.times_sent("u:m0") == 1u);  // found on the platform: marked, not re-sent
    BOOST_TEST(row("u:m0").state == "sent");
    BOOST_TEST(row("u:m0").remote_id == "ts1");
    BOOST_TEST(metrics.value("paperboy_deliveries_total", {{"platform", "fake"}, {"outcome", "reconciled"}}) == 1);
}

BOOST_AUTO_TEST_CASE(an_unclear_outcome_that_did_not_arrive_is_sent_again) {
    port.script.push_back(with(send_outcome::status::retry, "connection lost while sending"));
    port.script.push_back(with(send_outcome::status::unclear, "no answer in time"));
    publish(text("hello", "a"));
    round();
    clock.advance(1s);
    round();
    port.on_platform.clear();  // ...and it had not arrived
    clock.advance(2s);
    round();
    BOOST_TEST(port.lookups == 1);
    BOOST_TEST(port.times_sent("a:m0") == 3u);
    BOOST_TEST(row("a:m0").state == "sent");
}

BOOST_AUTO_TEST_CASE(a_permanent_error_fails_the_row_and_tells_the_requester_privately) {
    port.script.push_back(with(send_outcome::status::failed, "not_in_channel"));
    publish(text("hello", "p", "private-address"));
    BOOST_TEST(round() == 1);
    BOOST_TEST(row("p:m0").state == "failed");
    BOOST_TEST(row("p:m0").last_error == "not_in_channel");
    BOOST_TEST(round() == 1);  // the note
    BOOST_REQUIRE_EQUAL(port.sent_items.size(), 2u);
    BOOST_TEST(port.sent_items[1].platform == "fake-private");
    BOOST_TEST(port.sent_items[1].channel == "private-address");
    BOOST_TEST(port.sent_items[1].payload == "failed: not_in_channel");
    BOOST_TEST(round() == 0);
    BOOST_TEST(metrics.value("paperboy_deliveries_total", {{"platform", "fake"}, {"outcome", "failed"}}) == 1);
}

BOOST_AUTO_TEST_CASE(retries_back_off_and_end_after_max_attempts) {
    for (int i = 0; i < 10; ++i) port.script.push_back(with(send_outcome::status::retry, "HTTP 503"));
    publish(text("hello", "b"));
    std::vector<std::int64_t> waits;
    for (int i = 0; i < 4; ++i) {
        BOOST_TEST(round() == 1);
        const auto r = row("b:m0");
        if (r.state == "pending") {
            waits.push_back(r.next_attempt_at - clock.now_ms());
            clock.set(core::clock::time_point(std::chrono::milliseconds(r.next_attempt_at)));
        }
    }
    BOOST_TEST(waits == (std::vector<std::int64_t>{1000, 2000, 4000, 8000}), "waits");
    BOOST_TEST(round() == 1);  // claim 5 exceeds max_attempts: not sent again
    BOOST_TEST(row("b:m0").state == "failed");
    BOOST_TEST(row("b:m0").last_error == "gave up after 4 attempts: HTTP 503");
    BOOST_TEST(port.sent_items.size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_row_left_claimed_by_a_dead_worker_is_looked_for_after_its_lease) {
    publish(text("hello", "d"));
    auto claimed = db.direct().claim_outbox({"dead-worker", clock.now_ms(), 60'000, 16});
    BOOST_REQUIRE_EQUAL(claimed.size(), 1u);
    port.on_platform["d:m0"] = "ts-by-the-dead";  // it had posted before dying
    BOOST_TEST(round() == 0);
    clock.advance(61s);
    BOOST_TEST(round() == 1);
    BOOST_TEST(port.lookups == 1);
    BOOST_TEST(port.sent_items.empty());
    BOOST_TEST(row("d:m0").remote_id == "ts-by-the-dead");
}

BOOST_AUTO_TEST_CASE(a_post_that_may_have_arrived_and_keeps_dying_is_looked_for_before_giving_up) {
    publish(text("hello", "g", "private-address"));
    for (int i = 0; i < 4; ++i) {  // four owners die holding it
        BOOST_REQUIRE_EQUAL(db.direct().claim_outbox({"dead" + std::to_string(i), clock.now_ms(), 1000, 16}).size(), 1u);
        clock.advance(2s);
    }
    port.on_platform["g:m0"] = "ts-posted";  // one of them did post it
    BOOST_TEST(round() == 1);
    BOOST_TEST(row("g:m0").state == "sent");
    BOOST_TEST(row("g:m0").remote_id == "ts-posted");
    BOOST_TEST(port.sent_items.empty());
}

BOOST_AUTO_TEST_CASE(a_post_that_gave_up_tells_the_requester) {
    publish(text("hello", "n", "private-address"));
    for (int i = 0; i < 4; ++i) {
        BOOST_REQUIRE_EQUAL(db.direct().claim_outbox({"dead" + std::to_string(i), clock.now_ms(), 1000, 16}).size(), 1u);
        clock.advance(2s);
    }
    BOOST_TEST(round() == 1);
    BOOST_TEST(row("n:m0").state == "failed");
    BOOST_TEST(row("n:m0").last_error.find("gave up after 4 attempts") == 0);
    BOOST_TEST(round() == 1);  // the note
    BOOST_REQUIRE_EQUAL(port.sent_items.size(), 1u);
    BOOST_TEST(port.sent_items[0].channel == "private-address");
}

BOOST_AUTO_TEST_CASE(release_hands_back_what_the_worker_holds) {
    publish(text("hello", "h"));
    auto claimed = db.direct().claim_outbox({"test-worker", clock.now_ms(), 60'000, 16});
    BOOST_REQUIRE_EQUAL(claimed.size(), 1u);
    BOOST_TEST(run(worker.release()) == 1);
    BOOST_TEST(row("h:m0").state == "unknown");
    BOOST_TEST(round() == 1);  // at once, not after the lease: looked for, then sent
    BOOST_TEST(port.lookups == 1);
    BOOST_TEST(port.times_sent("h:m0") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
