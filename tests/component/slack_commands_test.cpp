// /papers end to end: a signed slash command is acknowledged at once and the digest (or paper) is
// posted afterwards into the fake Slack channel with its thread, or through the response_url when
// there is no bot token; help and anything not understood get an ephemeral usage message and
// nothing else; a response_url on a host that is not allowed is never contacted.
#include "slack_fixture.hpp"

#include "paperboy/harvest/windows.hpp"

using namespace paperboy;
using namespace paperboy::test::slack;
using namespace std::chrono_literals;

namespace {

// The digest's channel messages keep Slack's Block Kit limits and show all of `d`'s papers.
void check_digest_messages(const std::vector<nlohmann::json>& messages, const core::digest& d) {
    std::string all;
    for (const auto& m : messages) {
        BOOST_REQUIRE(m["blocks"].is_array());
        BOOST_TEST(m["blocks"].size() <= 50u);
        BOOST_TEST(m["unfurl_links"] == false);
        for (const auto& b : m["blocks"])
            if (b["type"] == "header") {
                BOOST_TEST(b["text"]["type"] == "plain_text");
                BOOST_TEST(b["text"]["text"].get<std::string>().size() <= 150u);
            }
        collect_texts(m["blocks"], all);
    }
    BOOST_TEST(messages.front()["blocks"].front()["type"] == "header");
    BOOST_REQUIRE_EQUAL(d.entries.size(), 5u);
    for (const auto& e : d.entries) {
        BOOST_TEST_CONTEXT(e.number << ". " << e.paper.arxiv_id) {
            BOOST_TEST(all.find("*" + std::to_string(e.number) + ". <") != std::string::npos);
            BOOST_TEST(all.find(render::mrkdwn_escape(e.paper.title)) != std::string::npos);
            BOOST_TEST(all.find(e.paper.arxiv_id) != std::string::npos);
        }
    }
}

std::vector<nlohmann::json> bodies(const std::vector<slack_post>& posts) {
    std::vector<nlohmann::json> out;
    for (const auto& p : posts) out.push_back(p.body);
    return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(slack_commands, slack_fixture)

BOOST_AUTO_TEST_CASE(papers_today_is_acknowledged_at_once_and_the_digest_posted_with_its_thread) {
    start();
    sources.hf_delay_ms = 1500;  // the digest costs more than the acknowledgement may take
    const auto sent = std::chrono::steady_clock::now();
    auto ack = command("today", "C0PAPERS");
    BOOST_TEST(ack.status == 200u);
    BOOST_TEST(ack.elapsed < 1000ms, "acknowledged after " << ack.elapsed.count() << " ms");
    BOOST_TEST(ack.content_type == "application/json");
    BOOST_TEST(ack.json()["response_type"] == "ephemeral");
    BOOST_TEST(ack.json()["text"].get<std::string>().find("Preparing the digest") != std::string::npos);
    BOOST_TEST(slack_api.peer.request_count() == 0u);  // acknowledged before the work was done
    BOOST_TEST(graph->slack->jobs_in_flight() == 1);

    BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in("C0PAPERS").empty(); }, 10s));
    const auto first_post =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent);
    BOOST_TEST(first_post >= 1500ms, "digest posted after " << first_post.count() << " ms");
    BOOST_TEST(first_post < 8000ms, "digest posted after " << first_post.count() << " ms");
    settle();

    std::vector<slack_post> channel, thread;
    for (const auto& p : slack_api.posts_in("C0PAPERS")) (p.thread_ts.empty() ? channel : thread).push_back(p);
    BOOST_REQUIRE(!channel.empty());
    for (const auto& p : slack_api.posts()) {
        BOOST_TEST(p.authorization == "Bearer " + bot_token);
        BOOST_TEST(p.content_type == "application/json; charset=utf-8");
    }
    const auto digest = stored_digest_of("C0PAPERS", channel.front().ts);
    BOOST_REQUIRE(digest);
    BOOST_TEST(core::format_ymd(digest->date) == core::format_ymd(harvest::today("UTC", std::chrono::system_clock::now())));
    check_digest_messages(bodies(channel), *digest);

    // Layout full: every paper in full in the thread of the first channel message, in order.
    BOOST_REQUIRE_GE(thread.size(), 5u);
    std::size_t next = 0;
    for (const auto& e : digest->entries) {
        while (next < thread.size() && !shows_entry(thread[next], e)) ++next;
        BOOST_TEST_CONTEXT(e.number) {
            BOOST_REQUIRE_LT(next, thread.size());
            BOOST_TEST(thread[next].all_text().find(render::mrkdwn_escape(e.paper.abstract.substr(0, 60))) !=
                       std::string::npos);
        }
    }
    for (const auto& p : thread) BOOST_TEST(p.thread_ts == channel.front().ts);
    for (const auto& row : outbox()) {
        BOOST_TEST(row.state == "sent");
        BOOST_TEST(row.attempts == 1);
    }
    BOOST_TEST(outbox().size() == channel.size() + thread.size());
    BOOST_TEST(responder.peer.request_count() == 0u);  // the token is there: nothing via response_url
}

BOOST_AUTO_TEST_CASE(an_empty_text_yesterday_and_a_date_build_those_days) {
    start();
    const auto today = harvest::today("UTC", std::chrono::system_clock::now());
    const std::vector<std::pair<std::string, std::chrono::sys_days>> cases = {
        {"", today},
        {"yesterday", today - std::chrono::days(1)},
        {core::format_ymd(today - std::chrono::days(10)), today - std::chrono::days(10)}};
    int channel_number = 0;
    for (const auto& [text, day] : cases) {
        const std::string channel = "C0DAY" + std::to_string(++channel_number);
        BOOST_TEST_CONTEXT("'" << text << "'") {
            auto ack = command(text, channel);
            BOOST_TEST(ack.status == 200u);
            BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in(channel).empty(); }));
            settle();
            const auto first = slack_api.posts_in(channel).front();
            auto key = graph->db.direct().digest_for_message("slack", channel, first.ts);
            BOOST_REQUIRE(key);
            BOOST_TEST(key->day == core::format_ymd(day));
        }
    }
}

BOOST_AUTO_TEST_CASE(channels_asking_at_once_share_one_digest_build) {
    start();
    sources.hf_delay_ms = 500;
    const std::vector<std::string> channels = {"C0ONE", "C0TWO", "C0THREE"};
    for (const auto& c : channels) {
        auto ack = command("today", c);
        BOOST_TEST(ack.status == 200u);
        BOOST_TEST(ack.elapsed < 1000ms);
    }
    BOOST_REQUIRE(eventually([&] {
        for (const auto& c : channels)
            if (slack_api.posts_in(c).empty()) return false;
        return true;
    }));
    settle();
    std::size_t hf_first_pages = 0;
    for (const auto& r : sources.hf.requests()) hf_first_pages += r.target.find("p=0") != std::string::npos;
    BOOST_TEST(hf_first_pages == 1u);  // one harvest for the three of them
    const auto first = stored_digest_of("C0ONE", slack_api.posts_in("C0ONE").front().ts);
    BOOST_REQUIRE(first);
    for (const auto& c : channels) {
        BOOST_TEST_CONTEXT(c) {
            const auto posts = slack_api.posts_in(c);
            const auto d = stored_digest_of(c, posts.front().ts);
            BOOST_REQUIRE(d);
            BOOST_TEST((*d == *first));
            BOOST_TEST(slack_api.thread(c, posts.front().ts).size() + 1 == posts.size());  // one channel message
        }
    }
}

BOOST_AUTO_TEST_CASE(a_day_beyond_max_backfill_days_is_answered_from_the_store_only) {
    start();
    const auto old = harvest::today("UTC", std::chrono::system_clock::now()) - std::chrono::days(cfg.chat.max_backfill_days + 1);
    command(core::format_ymd(old), "C0OLD");
    BOOST_REQUIRE(eventually([&] { return responder.peer.request_count() > 0; }));
    settle();
    BOOST_TEST(sources.hf.request_count() == 0u);  // nothing harvested for it
    BOOST_TEST(slack_api.posts_in("C0OLD").empty());
    const auto note = responder.messages().back();
    BOOST_TEST(note["response_type"] == "ephemeral");
    BOOST_TEST(note["text"].get<std::string>().find("no stored digest for " + core::format_ymd(old)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_day_after_today_is_refused_and_no_empty_digest_is_stored_for_it) {
    start();
    const auto tomorrow = harvest::today("UTC", std::chrono::system_clock::now()) + std::chrono::days(1);
    auto ack = command(core::format_ymd(tomorrow));
    BOOST_TEST(ack.status == 200u);
    BOOST_TEST(ack.json()["response_type"] == "ephemeral");
    BOOST_TEST(ack.json()["text"].get<std::string>().find(core::format_ymd(tomorrow)) != std::string::npos);
    settle();
    require_nothing_sent();
    BOOST_TEST(sources.hf.request_count() == 0u);
    // Had it been built now, tomorrow's /papers today would get this empty digest from the store.
    BOOST_TEST(!graph->db.direct().load_digest({core::format_ymd(tomorrow), "llm", "en"}).has_value());
}

BOOST_AUTO_TEST_CASE(help_and_anything_else_get_an_ephemeral_usage_and_nothing_is_posted) {
    start();
    auto help = command("help");
    BOOST_TEST(help.status == 200u);
    BOOST_TEST(help.elapsed < 1000ms);
    BOOST_TEST(help.json()["response_type"] == "ephemeral");
    const std::string help_text = help.json()["text"];
    BOOST_TEST(help_text.find("/papers") != std::string::npos);
    BOOST_TEST(help_text.find("today") != std::string::npos);
    BOOST_TEST(graph->slack->jobs_in_flight() == 0);

    for (const std::string text : {"tomorrow please", "2026-02-30", "today yesterday", "<script>&"}) {
        BOOST_TEST_CONTEXT("'" << text << "'") {
            auto r = command(text);
            BOOST_TEST(r.status == 200u);
            BOOST_TEST(r.json()["response_type"] == "ephemeral");
            const std::string usage = r.json()["text"];
            BOOST_TEST(usage.find("/papers") != std::string::npos);
            BOOST_TEST(usage.find("<script>") == std::string::npos);  // the user's text is escaped
            BOOST_TEST(graph->slack->jobs_in_flight() == 0);
        }
    }
    settle();
    require_nothing_sent();
    BOOST_TEST(sources.hf.request_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_paper_id_or_arxiv_url_gets_that_paper_posted) {
    start();
    int n = 0;
    for (const std::string text :
         {"paper 2104.12255", "2104.12255", "arXiv:2104.12255", "https://arxiv.org/abs/2104.12255v1"}) {
        const std::string channel = "C0PAPER" + std::to_string(++n);
        BOOST_TEST_CONTEXT("'" << text << "'") {
            auto ack = command(text, channel);
            BOOST_TEST(ack.status == 200u);
            BOOST_TEST(ack.elapsed < 1000ms);
            BOOST_TEST(ack.json()["text"].get<std::string>().find("2104.12255") != std::string::npos);
            BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in(channel).empty(); }));
            settle();
            const auto posts = slack_api.posts_in(channel);
            BOOST_TEST(posts.front().thread_ts.empty());  // a channel message, no digest thread
            const auto text_posted = posts.front().all_text();
            BOOST_TEST(text_posted.find("2104.12255") != std::string::npos);
            BOOST_TEST(text_posted.find("https://arxiv.org/abs/2104.12255") != std::string::npos);
        }
    }
    BOOST_TEST(sources.id_list_requested("2104.12255"));
    BOOST_TEST(sources.hf.request_count() == 0u);  // no digest was built for it
}

BOOST_AUTO_TEST_CASE(a_failure_upstream_reaches_the_requester_as_a_sentence_without_details) {
    cfg.upstreams["arxiv"].max_retries = 0;
    start();
    sources.arxiv.set_handler([](const test::recorded_request&) { return test::scripted_reply{.drop = true}; });
    command("paper 2104.12255", "C0DOWN");
    BOOST_REQUIRE(eventually([&] { return responder.peer.request_count() > 0; }));
    settle();
    const auto note = responder.messages().back();
    BOOST_TEST(note["response_type"] == "ephemeral");
    const auto text = note["text"].get<std::string>();
    BOOST_TEST(text.find("arXiv did not answer") != std::string::npos, text);
    BOOST_TEST(text.find("127.0.0.1") == std::string::npos, text);  // no upstream host,
    BOOST_TEST(text.find("attempt") == std::string::npos, text);    // no retry count,
    BOOST_TEST(text.find("connection") == std::string::npos, text); // no transport detail
    BOOST_TEST(slack_api.posts_in("C0DOWN").empty());
}

BOOST_AUTO_TEST_CASE(without_a_bot_token_the_digest_goes_in_channel_through_the_response_url) {
    start(/*with_token=*/false);
    auto ack = command("today", "C0PAPERS", responder.url("/commands/T0001/42/secret"));
    BOOST_TEST(ack.status == 200u);
    BOOST_TEST(ack.elapsed < 1000ms);
    BOOST_REQUIRE(eventually([&] { return responder.peer.request_count() > 0; }));
    settle();
    const auto requests = responder.peer.requests();
    BOOST_TEST(requests.size() <= 5u);  // a response_url takes 5 messages at most
    for (const auto& r : requests) {
        BOOST_TEST(r.method == "POST");
        BOOST_TEST(r.target == "/commands/T0001/42/secret");
        BOOST_TEST(r.header("Content-Type").value_or("").starts_with("application/json"));
        BOOST_TEST(!r.header("Authorization").has_value());
    }
    const auto messages = responder.messages();
    for (const auto& m : messages) {
        BOOST_TEST(m["response_type"] == "in_channel");
        BOOST_TEST(m["replace_original"] == false);
    }
    auto key = graph->db.direct().load_digest({core::format_ymd(harvest::today("UTC", std::chrono::system_clock::now())), "llm", "en"});
    BOOST_REQUIRE(key);
    auto digest = render::digest_from_json(*key);
    BOOST_REQUIRE(digest);
    std::vector<nlohmann::json> with_unfurl;
    for (auto m : messages) {
        m["unfurl_links"] = false;  // not a chat.postMessage field; lets the shared check run
        with_unfurl.push_back(std::move(m));
    }
    check_digest_messages(with_unfurl, *digest);
    BOOST_TEST(slack_api.peer.request_count() == 0u);
    for (const auto& row : outbox()) {
        BOOST_TEST(row.platform == "slack-response");
        BOOST_TEST(row.state == "sent");
    }
}

BOOST_AUTO_TEST_CASE(a_response_url_on_a_host_that_is_not_allowed_is_never_contacted) {
    start(/*with_token=*/false);
    const std::string evil = rogue.url("/commands/T0001/43/secret");  // 127.0.0.1, another port
    auto ack = command("today", "C0PAPERS", evil);
    BOOST_TEST(ack.status == 200u);
    auto paper = command("paper 2104.12255", "C0PAPERS", "https://hooks.slack.com.evil.example/commands/x");
    BOOST_TEST(paper.status == 200u);
    settle();
    BOOST_TEST(rogue.peer.request_count() == 0u);
    BOOST_TEST(responder.peer.request_count() == 0u);
    BOOST_TEST(slack_api.peer.request_count() == 0u);
    BOOST_TEST(outbox().empty());
    // The work itself was done (the digest is stored); only the answer had nowhere to go.
    BOOST_TEST(graph->db.direct().load_digest({core::format_ymd(harvest::today("UTC", std::chrono::system_clock::now())), "llm", "en"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
