// Discord end to end: signed interactions → deferred answers → the digest in the channel within
// Discord's limits → its thread → a reply "3" over the Gateway → paper 3's summary, exactly once.
#include "discord_fixture.hpp"
#include "paperboy/render/discord.hpp"

using namespace paperboy;
using namespace paperboy::test::discord;
using nlohmann::json;

namespace {

// The digest the interaction's response shows, once it is there, and its thread.
struct posted {
    message original;
    std::vector<message> thread;
    core::digest digest;
};

posted post_today(discord_fixture& f) {
    auto ack = f.signed_interaction(f.command("today"));
    BOOST_REQUIRE_EQUAL(ack.status, 200u);
    BOOST_TEST(ack.json()["type"] == 5);  // deferred: the digest is built in the background
    const std::string token = f.token_of(f.interactions);
    BOOST_REQUIRE(eventually([&] { return !f.api.in("interaction:" + token).empty(); }));
    f.settle();
    posted p;
    p.original = f.api.in("interaction:" + token).front();
    p.thread = f.api.in(p.original.id);
    auto key = f.graph->db.direct().digest_for_message("discord", channel, p.original.id);
    BOOST_REQUIRE_MESSAGE(key, "the digest message is not remembered");
    p.digest = *render::digest_from_json(*f.graph->db.direct().load_digest(*key));
    return p;
}

bool shows_entry(const message& m, const core::digest_entry& e) {
    const auto text = m.all_text();
    return text.find(render::discord_escape(e.paper.title).substr(0, 30)) != std::string::npos &&
           text.find(render::discord_escape(e.summary.text.substr(0, 40))) != std::string::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(discord_end_to_end, discord_fixture)

BOOST_AUTO_TEST_CASE(ping_is_answered_and_unverified_requests_change_nothing) {
    start();
    auto pong = signed_interaction({{"type", 1}, {"id", "1"}, {"application_id", application_id}});
    BOOST_TEST(pong.status == 200u);
    BOOST_TEST(pong.json() == json({{"type", 1}}));
    BOOST_TEST(pong.content_type == "application/json");

    const std::string body = command("today").dump();
    const std::string ts = std::to_string(test::slack::unix_now());
    const std::string good = signer.sign(ts, body);
    chat::discord::test_signer other;
    std::string forged = good;
    forged[0] = forged[0] == '0' ? '1' : '0';
    const std::string stale_ts = std::to_string(test::slack::unix_now() - 301);
    for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
             {},                                                                    // unsigned
             {{"X-Signature-Ed25519", forged}, {"X-Signature-Timestamp", ts}},    // forged
             {{"X-Signature-Ed25519", other.sign(ts, body)}, {"X-Signature-Timestamp", ts}},  // another key
             {{"X-Signature-Ed25519", signer.sign(stale_ts, body)}, {"X-Signature-Timestamp", stale_ts}},  // stale
         }) {
        auto r = post_interaction(body, headers);
        BOOST_TEST(r.status == 401u);
        BOOST_TEST(r.json()["error"] == "invalid request signature");
    }
    auto tampered = body;
    tampered.replace(tampered.find("today"), 5, "xoday");
    BOOST_TEST(post_interaction(tampered, {{"X-Signature-Ed25519", good}, {"X-Signature-Timestamp", ts}}).status == 401u);
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(api.messages().empty());
    BOOST_TEST(graph->db.direct().list_outbox("", 100).empty());
}

BOOST_AUTO_TEST_CASE(help_and_usage_are_answered_at_once_and_ephemeral) {
    start();
    auto help = signed_interaction(command("help"));
    BOOST_TEST(help.json()["type"] == 4);
    BOOST_TEST(help.json()["data"]["flags"] == 64);
    BOOST_TEST(help.json()["data"]["content"].get<std::string>().find("/papers") != std::string::npos);
    auto bad = signed_interaction(command("date", {{{"name", "date"}, {"type", 3}, {"value", "2026-13-45"}}}));
    BOOST_TEST(bad.json()["type"] == 4);
    BOOST_TEST(bad.json()["data"]["flags"] == 64);
    BOOST_TEST(api.messages().empty());
}

BOOST_AUTO_TEST_CASE(today_is_deferred_then_posted_within_limits_with_buttons_and_a_thread_of_papers) {
    start();
    auto p = post_today(*this);
    BOOST_TEST(api.violations().empty());
    BOOST_TEST(p.original.via == "original");  // the deferred response became the digest
    BOOST_REQUIRE(!p.digest.entries.empty());
    BOOST_TEST(p.original.body["components"].size() >= 1u);
    BOOST_TEST(p.original.body["allowed_mentions"]["parse"].empty());
    // The thread was started from the digest message and carries every paper in full.
    BOOST_TEST(api.thread_exists(p.original.id));
    for (const auto& e : p.digest.entries) {
        bool found = false;
        for (const auto& m : p.thread) found = found || shows_entry(m, e);
        BOOST_TEST(found, "paper " << e.number << " is not in the thread");
    }
    for (const auto& m : p.thread) BOOST_TEST(m.body.contains("nonce"));
}

BOOST_AUTO_TEST_CASE(a_reply_3_in_the_thread_gets_paper_3_once_even_across_a_gateway_resume) {
    start();
    BOOST_REQUIRE(eventually([this] { return gateway_ready(); }));
    auto p = post_today(*this);
    BOOST_REQUIRE(p.digest.entries.size() >= 3u);
    const auto before = api.in(p.original.id).size();
    const auto third = test::slack::entry(p.digest, 3);

    BOOST_REQUIRE(gateway.dispatch("MESSAGE_CREATE", user_message("1390000000000000001", p.original.id, "3")));
    BOOST_REQUIRE(eventually([&] { return api.in(p.original.id).size() > before; }));
    settle();
    auto thread = api.in(p.original.id);
    BOOST_REQUIRE_EQUAL(thread.size(), before + 1);
    BOOST_TEST(shows_entry(thread.back(), third));

    // The connection drops; the client resumes and Discord replays what it had not acknowledged,
    // the same message among it: it is not answered twice.
    gateway.drop();
    BOOST_REQUIRE(eventually([this] { return gateway.resumes() == 1 && gateway_ready(); }));
    BOOST_TEST(gateway.identifies() == 1);
    gateway.dispatch("MESSAGE_CREATE", user_message("1390000000000000001", p.original.id, "3"));
    // A message sent while the client was away arrives in the replay and is answered once.
    gateway.drop();
    gateway.dispatch("MESSAGE_CREATE", user_message("1390000000000000002", p.original.id, "#2"));
    BOOST_REQUIRE(eventually([this] { return gateway.resumes() == 2 && gateway_ready(); }));
    BOOST_REQUIRE(eventually([&] { return api.in(p.original.id).size() == before + 2; }));
    settle();
    thread = api.in(p.original.id);
    BOOST_REQUIRE_EQUAL(thread.size(), before + 2);
    BOOST_TEST(shows_entry(thread.back(), test::slack::entry(p.digest, 2)));
}

BOOST_AUTO_TEST_CASE(the_bot_ignores_its_own_and_other_bots_messages_and_chatter) {
    start();
    BOOST_REQUIRE(eventually([this] { return gateway_ready(); }));
    auto p = post_today(*this);
    const auto before = api.in(p.original.id).size();
    auto own = user_message("1390000000000000011", p.original.id, "3");
    own["author"] = {{"id", gateway.bot_user_id()}, {"bot", true}};
    auto bot = user_message("1390000000000000012", p.original.id, "3");
    bot["author"] = {{"id", "123"}, {"bot", true}};
    gateway.dispatch("MESSAGE_CREATE", own);
    gateway.dispatch("MESSAGE_CREATE", bot);
    gateway.dispatch("MESSAGE_CREATE", user_message("1390000000000000013", p.original.id, "I read 3 of these, nice"));
    gateway.dispatch("MESSAGE_CREATE", user_message("1390000000000000014", channel, "3"));  // not a thread
    std::this_thread::sleep_for(400ms);
    settle();
    BOOST_TEST(api.in(p.original.id).size() == before);
    BOOST_TEST(api.in(channel).empty());
}

BOOST_AUTO_TEST_CASE(a_summary_button_posts_that_paper_in_the_digest_thread) {
    cfg.discord.layout = "compact";  // no papers in the thread until someone asks
    start();
    auto p = post_today(*this);
    BOOST_TEST(p.thread.empty());
    const auto first_button = p.original.body["components"][0]["components"][1];  // "Summary 2"
    auto ack = signed_interaction(button(first_button["custom_id"], p.original.id));
    BOOST_TEST(ack.json()["type"] == 6);
    BOOST_REQUIRE(eventually([&] { return !api.in(p.original.id).empty(); }));
    settle();
    BOOST_TEST(api.thread_exists(p.original.id));
    auto thread = api.in(p.original.id);
    BOOST_REQUIRE_EQUAL(thread.size(), 1u);
    BOOST_TEST(shows_entry(thread.front(), test::slack::entry(p.digest, 2)));
}

BOOST_AUTO_TEST_CASE(a_lost_answer_is_resent_with_the_same_nonce_and_posts_once) {
    cfg.discord.gateway = false;
    start();
    api.lose_after_create = 2;  // the first thread posts are made, then answered with a 500
    auto p = post_today(*this);
    BOOST_TEST(api.violations().empty());
    std::map<std::string, int> nonces;
    for (const auto& m : api.in(p.original.id)) ++nonces[m.body.value("nonce", "")];
    for (const auto& [nonce, n] : nonces) BOOST_TEST(n == 1, "nonce " << nonce << " posted " << n << " times");
    BOOST_TEST(api.requests_to("POST /channels/" + p.original.id + "/messages") > p.thread.size());
    for (const auto& row : graph->db.direct().list_outbox("", 100)) BOOST_TEST(row.state == "sent");
}

BOOST_AUTO_TEST_CASE(a_rate_limited_post_waits_retry_after_and_then_posts) {
    cfg.discord.gateway = false;
    start();
    // The first Discord call (the response's edit) meets a 429 with a fractional retry_after.
    api.peer.push({429, R"({"message":"You are being rate limited.","retry_after":0.3,"global":false})",
                   "application/json", {{"X-RateLimit-Scope", "user"}}});
    auto p = post_today(*this);
    std::vector<std::chrono::steady_clock::time_point> edits;
    for (const auto& r : api.peer.requests())
        if (r.method == "PATCH") edits.push_back(r.arrived);
    BOOST_REQUIRE_EQUAL(edits.size(), 2u);
    BOOST_TEST((edits[1] - edits[0] >= 300ms));  // waited at least what Discord asked
    BOOST_TEST(p.original.via == "original");
    BOOST_TEST(api.violations().empty());
}

BOOST_AUTO_TEST_CASE(disallowed_intents_stop_the_gateway_with_a_clear_reason) {
    gateway.refuse_identify(4014);
    start();
    BOOST_REQUIRE(eventually([this] { return !graph->discord_gateway->problem().empty(); }));
    BOOST_TEST(graph->discord_gateway->problem().find("Message Content Intent") != std::string::npos);
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(gateway.connections() == 1);  // no reconnect loop
}

BOOST_AUTO_TEST_CASE(a_zombie_connection_is_replaced_and_resumed) {
    start();
    BOOST_REQUIRE(eventually([this] { return gateway_ready(); }));
    gateway.set_acks(false);
    BOOST_REQUIRE(eventually([this] { return gateway.connections() >= 2; }));
    gateway.set_acks(true);
    BOOST_REQUIRE(eventually([this] { return gateway.resumes() >= 1 && gateway_ready(); }));
    BOOST_TEST(gateway.identifies() == 1);
}

BOOST_AUTO_TEST_CASE(reconnect_and_invalid_sessions_follow_the_docs) {
    start();
    BOOST_REQUIRE(eventually([this] { return gateway_ready(); }));
    gateway.request_reconnect();  // op 7: resume
    BOOST_REQUIRE(eventually([this] { return gateway.resumes() == 1 && gateway_ready(); }));
    gateway.invalidate(false);  // op 9 false: a new session
    BOOST_REQUIRE(eventually([this] { return gateway.identifies() == 2 && gateway_ready(); }, 15s));
    gateway.close(4009);  // session timed out: a new session
    BOOST_REQUIRE(eventually([this] { return gateway.identifies() == 3 && gateway_ready(); }, 15s));
    gateway.close(4000);  // anything else: resume
    BOOST_REQUIRE(eventually([this] { return gateway.resumes() == 2 && gateway_ready(); }));
    // Identify carried the intents the README names, and never the same frame twice.
    for (const auto& f : gateway.received())
        if (f["op"] == 2) BOOST_TEST(f["d"]["intents"] == (1 | 512 | 32768));
}

BOOST_AUTO_TEST_SUITE_END()
