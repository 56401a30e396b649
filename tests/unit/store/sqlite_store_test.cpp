#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <thread>

#include "io_fixture.hpp"
#include "paperboy/store/database.hpp"
#include "paperboy/store/migrations.hpp"

using namespace paperboy::store;

namespace {

struct temp_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("paperboy-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    ~temp_dir() { std::filesystem::remove_all(path); }
    static inline int counter = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_store)

BOOST_AUTO_TEST_CASE(migrations_apply_once_and_create_the_directory) {
    temp_dir dir;
    const std::string url = "sqlite:" + (dir.path / "nested" / "paperboy.db").string();
    auto s = open_store(url);
    BOOST_TEST(s->backend() == "sqlite");
    BOOST_TEST(s->schema_version() == 0);
    const int latest = s->latest_schema_version();
    BOOST_TEST(latest == static_cast<int>(sqlite_migrations().size()));
    BOOST_TEST(s->migrate() == latest);
    BOOST_TEST(s->schema_version() == latest);
    BOOST_TEST(s->migrate() == 0);
    BOOST_TEST(std::filesystem::exists(dir.path / "nested" / "paperboy.db"));
    // A second process (here: a second handle) sees the same schema and applies nothing.
    auto again = open_store(url);
    BOOST_TEST(again->schema_version() == latest);
    BOOST_TEST(again->migrate() == 0);
}

BOOST_AUTO_TEST_CASE(history_remembers_papers_per_profile_and_day) {
    temp_dir dir;
    auto s = open_store("sqlite:" + (dir.path / "h.db").string());
    s->migrate();
    BOOST_TEST(s->posted_papers("llm", "9999-12-31").empty());
    s->record_digest_papers("llm", "2026-02-23", {"2602.10693", "2602.00001"});
    s->record_digest_papers("llm", "2026-02-24", {"2602.00002"});
    s->record_digest_papers("vision", "2026-02-24", {"2602.99999"});
    BOOST_TEST((s->posted_papers("llm", "2026-02-25") == std::set<std::string>{"2602.00001", "2602.00002", "2602.10693"}));
    BOOST_TEST((s->posted_papers("llm", "2026-02-24") == std::set<std::string>{"2602.00001", "2602.10693"}));
    BOOST_TEST(s->posted_papers("llm", "2026-02-23").empty());  // the day itself does not count
    BOOST_TEST((s->posted_papers("vision", "2026-02-25") == std::set<std::string>{"2602.99999"}));
    // Rebuilding a day replaces it instead of adding to it.
    s->record_digest_papers("llm", "2026-02-23", {"2602.10693"});
    BOOST_TEST((s->posted_papers("llm", "2026-02-25") == std::set<std::string>{"2602.00002", "2602.10693"}));
}

BOOST_AUTO_TEST_CASE(digests_and_summaries_round_trip) {
    temp_dir dir;
    auto s = open_store("sqlite:" + (dir.path / "d.db").string());
    s->migrate();
    const digest_key en{"2026-02-23", "llm", "en"}, ja{"2026-02-23", "llm", "ja"};
    BOOST_TEST(!s->load_digest(en));
    s->save_digest(en, 5, R"({"v":1})");
    s->save_digest(ja, 4, R"({"v":"ja"})");
    s->save_digest(en, 5, R"({"v":2})");  // a rebuild replaces
    BOOST_TEST(*s->load_digest(en) == R"({"v":2})");
    BOOST_TEST(*s->load_digest(ja) == R"({"v":"ja"})");
    s->save_digest({"2026-02-24", "llm", "en"}, 3, "{}");
    auto rows = s->list_digests(10);
    BOOST_REQUIRE_EQUAL(rows.size(), 3u);
    BOOST_TEST(rows[0].key.day == "2026-02-24");
    BOOST_TEST(rows[0].papers == 3);
    BOOST_TEST(rows[1].key.language == "en");
    BOOST_TEST(rows[1].created_at.size() == 20u);
    BOOST_TEST(s->list_digests(1).size() == 1u);

    const summary_key k{"2602.10693", "anthropic:claude", "ja", "abc123"};
    BOOST_TEST(!s->load_summary(k));
    s->save_summary(k, "要約");
    BOOST_TEST(*s->load_summary(k) == "要約");
    BOOST_TEST(!s->load_summary({"2602.10693", "anthropic:claude", "ja", "other-prompt"}));
}

BOOST_AUTO_TEST_CASE(a_digest_and_its_history_are_saved_together) {
    temp_dir dir;
    auto s = open_store("sqlite:" + (dir.path / "h.db").string());
    s->migrate();
    const std::vector<std::string> ids{"2602.10693", "2602.00001"};
    s->save_digest({"2026-02-23", "llm", "en"}, 2, "{}", &ids);
    BOOST_TEST(s->posted_papers("llm", "2026-02-24").size() == 2u);
    s->save_digest({"2026-02-23", "llm", "ja"}, 2, "{}");  // no history given: history unchanged
    BOOST_TEST(s->posted_papers("llm", "2026-02-24").size() == 2u);
}

BOOST_AUTO_TEST_CASE(channel_settings_round_trip) {
    temp_dir dir;
    auto s = open_store("sqlite:" + (dir.path / "c.db").string());
    s->migrate();
    BOOST_TEST(!s->load_channel_settings("slack", "T1", "C1"));
    s->save_channel_settings({"slack", "T1", "C1", "", "ja", ""});
    s->save_channel_settings({"slack", "T1", "C1", "vision", "ja", "compact"});
    auto got = s->load_channel_settings("slack", "T1", "C1");
    BOOST_REQUIRE(got);
    BOOST_TEST(got->profile == "vision");
    BOOST_TEST(got->language == "ja");
    BOOST_TEST(got->layout == "compact");
    BOOST_TEST(!s->load_channel_settings("slack", "T2", "C1"));
    BOOST_TEST(!s->load_channel_settings("discord", "T1", "C1"));
}

BOOST_AUTO_TEST_CASE(a_digest_build_is_claimed_by_one_owner_until_released_or_expired) {
    temp_dir dir;
    auto s = open_store("sqlite:" + (dir.path / "b.db").string());
    s->migrate();
    const digest_key k{"2026-02-23", "llm", "en"};
    BOOST_TEST(s->claim_digest_build(k, "a", 1000, 500));
    BOOST_TEST(!s->claim_digest_build(k, "b", 1200, 500));  // a holds it until 1500
    BOOST_TEST(s->claim_digest_build(k, "a", 1200, 500));   // a renews its own
    BOOST_TEST(s->claim_digest_build(k, "b", 1701, 500));   // expired: b takes over
    s->release_digest_build(k, "a");                         // not a's any more: no effect
    BOOST_TEST(!s->claim_digest_build(k, "c", 1800, 500));
    s->release_digest_build(k, "b");
    BOOST_TEST(s->claim_digest_build(k, "c", 1800, 500));
    BOOST_TEST(s->claim_digest_build({"2026-02-23", "llm", "ja"}, "b", 1800, 500));  // another key
}

BOOST_AUTO_TEST_CASE(digest_messages_and_events) {
    temp_dir dir;
    auto s = open_store("sqlite:" + (dir.path / "e.db").string());
    s->migrate();
    BOOST_TEST(!s->digest_for_message("slack", "C1", "1.2"));
    s->remember_digest_message("slack", "C1", "1.2", {"2026-02-23", "llm", "ja"});
    auto key = s->digest_for_message("slack", "C1", "1.2");
    BOOST_REQUIRE(key);
    BOOST_TEST(key->language == "ja");
    BOOST_TEST(!s->digest_for_message("slack", "C2", "1.2"));
    BOOST_TEST(!s->event_processed("slack", "Ev1"));
    BOOST_TEST(s->enqueue_for_event("slack", "Ev1", {}));
    BOOST_TEST(s->event_processed("slack", "Ev1"));
    BOOST_TEST(!s->enqueue_for_event("slack", "Ev1", {}));
    BOOST_TEST(!s->event_processed("discord", "Ev1"));
}

BOOST_AUTO_TEST_CASE(migration_versions_are_strictly_increasing) {
    int previous = 0;
    for (const auto& m : sqlite_migrations()) {
        BOOST_TEST(m.version == previous + 1);
        BOOST_TEST(!m.name.empty());
        previous = m.version;
    }
}

BOOST_AUTO_TEST_CASE(bad_urls_are_refused_with_a_clear_message) {
    BOOST_CHECK_EXCEPTION(open_store("mysql://x"), store_error,
                          [](const store_error& e) { return std::string(e.what()).find("sqlite:PATH") != std::string::npos; });
    BOOST_CHECK_THROW(open_store("sqlite:/proc/forbidden/paperboy.db"), store_error);
}

BOOST_AUTO_TEST_CASE(database_runs_calls_off_the_calling_thread) {
    paperboy::test::io_fixture io;
    temp_dir dir;
    database db(open_store("sqlite:" + (dir.path / "p.db").string()), 2);
    const auto caller = std::this_thread::get_id();
    auto [version, worker] = io.run([](database& d) -> boost::asio::awaitable<std::pair<int, std::thread::id>> {
        co_return co_await d.run([](store& s) { return std::pair{s.migrate(), std::this_thread::get_id()}; });
    }(db));
    BOOST_TEST(version == db.direct().latest_schema_version());
    BOOST_TEST((worker != caller));
    BOOST_CHECK_THROW(io.run([](database& d) -> boost::asio::awaitable<int> {
                          co_return co_await d.run([](store&) -> int { throw store_error("boom"); });
                      }(db)),
                      store_error);
}

BOOST_AUTO_TEST_SUITE_END()
