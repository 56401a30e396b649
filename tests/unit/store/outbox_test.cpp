// The outbox's claims, leases and marks (README "How a post is delivered"), on a real SQLite file.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <unistd.h>

#include "paperboy/store/store.hpp"

using namespace paperboy::store;

namespace {

struct outbox_fixture {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("paperboy-outbox-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::unique_ptr<store> s = [this] {
        auto st = open_store("sqlite:" + (dir / "o.db").string());
        st->migrate();
        return st;
    }();
    ~outbox_fixture() { std::filesystem::remove_all(dir); }
    static inline int counter = 0;

    static outbox_item row(std::string key, std::string channel = "C1", std::string parent = "") {
        outbox_item it;
        it.platform = "slack";
        it.channel = std::move(channel);
        it.payload = R"({"text":"hi"})";
        it.idempotency_key = std::move(key);
        it.parent_key = std::move(parent);
        return it;
    }
    std::vector<outbox_item> claim(const std::string& owner, std::int64_t now, int limit = 16) {
        return s->claim_outbox({owner, now, 1000, limit});
    }
    outbox_item get(const std::string& key) {
        for (auto& it : s->list_outbox("", 100))
            if (it.idempotency_key == key) return it;
        BOOST_FAIL("no row " << key);
        return {};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(outbox, outbox_fixture)

BOOST_AUTO_TEST_CASE(enqueueing_the_same_key_twice_keeps_the_first_row) {
    auto first = s->enqueue({row("k:m0")});
    auto changed = row("k:m0");
    changed.payload = "changed";
    auto again = s->enqueue({changed});
    BOOST_REQUIRE_EQUAL(again.size(), 1u);
    BOOST_TEST(again[0].id == first[0].id);
    BOOST_TEST(again[0].payload == R"({"text":"hi"})");
    BOOST_TEST(s->list_outbox("", 10).size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_attempt_is_counted_when_claimed_and_marks_need_the_claim) {
    s->enqueue({row("k:m0")});
    auto got = claim("w1", 100);
    BOOST_REQUIRE_EQUAL(got.size(), 1u);
    BOOST_TEST(got[0].state == "claimed");
    BOOST_TEST(got[0].owner == "w1");
    BOOST_TEST(got[0].attempts == 1);  // before anything went out
    BOOST_TEST(got[0].lease_until == 1100);
    BOOST_TEST(!got[0].unclear);
    BOOST_TEST(claim("w2", 200).empty());  // leased to w1
    BOOST_TEST(!s->mark_sent(got[0].id, "w2", "1.1"));  // w2 holds no claim
    BOOST_TEST(s->mark_sent(got[0].id, "w1", "1.1"));
    BOOST_TEST(get("k:m0").state == "sent");
    BOOST_TEST(get("k:m0").remote_id == "1.1");
    BOOST_TEST(!s->mark_sent(got[0].id, "w1", "1.2"));  // not claimed any more
    BOOST_TEST(claim("w1", 5000).empty());
}

BOOST_AUTO_TEST_CASE(an_expired_claim_is_taken_again_as_unclear) {
    s->enqueue({row("k:m0")});
    auto got = claim("dead", 100);
    BOOST_REQUIRE_EQUAL(got.size(), 1u);
    BOOST_TEST(claim("w2", 1100).empty());  // lease ends at 1100: not yet expired
    auto again = claim("w2", 1101);
    BOOST_REQUIRE_EQUAL(again.size(), 1u);
    BOOST_TEST(again[0].owner == "w2");
    BOOST_TEST(again[0].unclear);  // the dead owner may have sent it
    BOOST_TEST(again[0].attempts == 2);
    BOOST_TEST(!s->mark_sent(got[0].id, "dead", "1.1"));  // a late mark of the old owner changes nothing
}

BOOST_AUTO_TEST_CASE(every_claim_counts_an_attempt_and_a_rate_limit_gives_it_back) {
    s->enqueue({row("k:m0")});
    std::int64_t now = 0;
    for (int i = 1; i <= 3; ++i) {
        now += 2000;  // each owner dies holding the row: the worker decides when to give up
        auto got = claim("w" + std::to_string(i), now);
        BOOST_REQUIRE_EQUAL(got.size(), 1u);
        BOOST_TEST(got[0].attempts == i);
    }
    auto last = claim("w9", now + 2000);
    BOOST_REQUIRE_EQUAL(last.size(), 1u);
    BOOST_TEST(s->mark_retry(last[0].id, "w9", "ratelimited", 0, false, true));
    BOOST_TEST(get("k:m0").attempts == 3);  // the refused attempt does not count
}

BOOST_AUTO_TEST_CASE(retry_waits_for_next_attempt_at_and_unknown_stays_unclear) {
    s->enqueue({row("k:a", "C1"), row("k:b", "C2")});
    auto got = claim("w", 0);
    BOOST_REQUIRE_EQUAL(got.size(), 2u);
    BOOST_TEST(s->mark_retry(got[0].id, "w", "ratelimited", 500, false));
    BOOST_TEST(s->mark_retry(got[1].id, "w", "no answer in time", 500, true));
    BOOST_TEST(get("k:a").state == "pending");
    BOOST_TEST(get("k:b").state == "unknown");
    BOOST_TEST(claim("w", 499).empty());
    auto later = claim("w", 500);
    BOOST_REQUIRE_EQUAL(later.size(), 2u);
    BOOST_TEST(!later[0].unclear);
    BOOST_TEST(later[1].unclear);
}

BOOST_AUTO_TEST_CASE(a_conversation_gets_its_messages_in_order_and_others_are_not_held_up) {
    s->enqueue({row("k:1", "C1"), row("k:2", "C1"), row("k:3", "C2")});
    auto first = claim("w", 0);
    BOOST_REQUIRE_EQUAL(first.size(), 2u);  // the head of C1 and of C2
    BOOST_TEST(first[0].idempotency_key == "k:1");
    BOOST_TEST(first[1].idempotency_key == "k:3");
    BOOST_TEST(claim("w", 0).empty());  // k:2 waits for k:1
    BOOST_TEST(s->mark_retry(first[0].id, "w", "ratelimited", 1000, false));
    BOOST_TEST(claim("w", 10).empty());  // still behind k:1, which waits for its retry
    BOOST_TEST(s->mark_sent(claim("w", 1000).at(0).id, "w", "1.1"));
    auto next = claim("w", 1000);
    BOOST_REQUIRE_EQUAL(next.size(), 1u);
    BOOST_TEST(next[0].idempotency_key == "k:2");
}

BOOST_AUTO_TEST_CASE(thread_replies_take_their_parents_id_or_fail_with_it) {
    auto digest = row("d:m0");
    digest.shows = digest_key{"2026-02-23", "llm", "ja"};
    s->enqueue({digest, row("d:t0", "C1", "d:m0"), row("d:t1", "C1", "d:m0")});
    auto got = claim("w", 0);
    BOOST_REQUIRE_EQUAL(got.size(), 1u);
    BOOST_TEST(s->mark_sent(got[0].id, "w", "1700.1"));
    auto remembered = s->digest_for_message("slack", "C1", "1700.1");  // in the same transaction
    BOOST_REQUIRE(remembered);
    BOOST_TEST(remembered->language == "ja");
    auto reply = claim("w", 0);
    BOOST_REQUIRE_EQUAL(reply.size(), 1u);
    BOOST_TEST(reply[0].thread == "1700.1");

    // A digest that fails for good takes its thread with it, without sending it.
    s->enqueue({row("e:m0", "C9"), row("e:t0", "C9", "e:m0")});
    auto head = claim("w", 0);
    for (auto& it : head)
        if (it.idempotency_key == "e:m0") BOOST_TEST(s->mark_failed(it.id, "w", "not_in_channel"));
    claim("w", 0);
    BOOST_TEST(get("e:t0").state == "failed");
    BOOST_TEST(get("e:t0").attempts == 0);
}

BOOST_AUTO_TEST_CASE(an_event_is_marked_with_its_answer_or_not_at_all) {
    BOOST_TEST(s->enqueue_for_event("slack", "Ev1", {row("slack:event:Ev1:m0")}));
    BOOST_TEST(s->event_processed("slack", "Ev1"));
    BOOST_TEST(!s->enqueue_for_event("slack", "Ev1", {row("slack:event:Ev1:m1")}));  // a redelivery adds nothing
    BOOST_TEST(s->list_outbox("", 10).size() == 1u);
}

BOOST_AUTO_TEST_CASE(released_claims_become_unknown_and_old_rows_are_pruned) {
    s->enqueue({row("k:a", "C1"), row("k:b", "C2")});
    auto got = claim("w", 0);
    BOOST_TEST(s->mark_sent(got[0].id, "w", "1.1"));
    BOOST_TEST(s->release_claims("w") == 1);
    BOOST_TEST(get("k:b").state == "unknown");
    BOOST_TEST(get("k:b").unclear);
    BOOST_TEST(s->prune("1970-01-01T00:00:00Z") == 0);
    BOOST_TEST(s->prune("9999-01-01T00:00:00Z") == 1);  // the sent row; the unknown one stays
    BOOST_TEST(s->list_outbox("", 10).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
