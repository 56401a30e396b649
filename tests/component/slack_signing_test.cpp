// Slack request signing end to end (external-apis.md f.1): Slack's documented example accepted with
// an injected clock, and forged, stale, tampered and unsigned requests on every route answered 401
// with nothing queued, posted or remembered. Also the Events API URL verification handshake.
#include "slack_fixture.hpp"

using namespace paperboy;
using namespace paperboy::test::slack;
using namespace std::chrono_literals;

namespace {

const std::string form = "application/x-www-form-urlencoded";

struct route_case {
    std::string path, body, content_type;
};

// One valid body per route: a command, a thread reply event, a button press.
std::vector<route_case> every_route(slack_fixture& f) {
    return {
        {"/slack/commands", f.command_body("today"), form},
        {"/slack/events",
         event_envelope("Ev0FORGED1",
                        message_event("message", "C0PAPERS", "1780000000.000001", "3", human, "1780000999.000001"),
                        bot_user)
             .dump(),
         "application/json"},
        {"/slack/interactivity",
         block_actions_body("C0PAPERS", "1780000000.000001", std::string(render::summary_action_id), "paper_3",
                            "2026-06-13|llm|3|2606.13392", f.responder.url("/actions/T1/2/x"), "1.2.3"),
         form},
    };
}

// Nothing at all happened: no job, no outbox item, no remembered event, no request to any fake.
void require_untouched(slack_fixture& f) {
    BOOST_TEST(f.graph->slack->jobs_in_flight() == 0);
    f.settle();
    f.require_nothing_sent();
    BOOST_TEST(f.sources.arxiv.request_count() + f.sources.hf.request_count() + f.sources.s2.request_count() == 0u);
    // The event id was not consumed: a correctly signed delivery of it would still be handled.
    BOOST_TEST(!f.graph->db.direct().event_processed("slack", "Ev0FORGED1"));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(slack_signing, slack_fixture)

BOOST_AUTO_TEST_CASE(slacks_documented_example_is_accepted_with_a_clock_at_its_time) {
    start();
    const auto body = fixture("slack/slash_command_signing_example.body.txt");
    const auto meta = nlohmann::json::parse(fixture("slack/slash_command_signing_example.meta.json"));
    const std::string timestamp = meta["headers"]["X-Slack-Request-Timestamp"];
    const std::string signature = meta["headers"]["X-Slack-Signature"];
    BOOST_TEST(timestamp == "1531420618");
    BOOST_TEST(signature == "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    BOOST_TEST(chat::slack::sign(signing_secret, timestamp, body) == signature);
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", form}, {"X-Slack-Request-Timestamp", timestamp}, {"X-Slack-Signature", signature}};

    // With the real clock it is years stale.
    auto stale = http_post(server->port(), "/slack/commands", body, headers);
    BOOST_TEST(stale.status == 401u);
    BOOST_TEST(graph->slack->jobs_in_flight() == 0);

    // At 1531420618 + 10 s it verifies: an empty text is "today", acknowledged at once.
    fixed_now = 1531420618 + 10;
    auto ack = http_post(server->port(), "/slack/commands", body, headers);
    BOOST_TEST(ack.status == 200u);
    BOOST_TEST(ack.json()["response_type"] == "ephemeral");
    BOOST_TEST(ack.body.find("Preparing the digest") != std::string::npos);

    // The digest goes into its channel with the bot token; its response_url (hooks.slack.com, not in
    // PAPERBOY_SLACK_RESPONSE_HOSTS here) is never contacted, not even queued.
    BOOST_REQUIRE(eventually([&] { return !slack_api.posts_in("G8PSS9T3V").empty(); }));
    settle();
    for (const auto& row : outbox()) {
        BOOST_TEST(row.platform == "slack");
        BOOST_TEST(row.channel == "G8PSS9T3V");
        BOOST_TEST(row.state == "sent");
        BOOST_TEST(row.channel.find("hooks.slack.com") == std::string::npos);
    }
    BOOST_TEST(slack_api.peer.request_count() == slack_api.posts().size());  // every request went to the fake
    BOOST_TEST(metrics.value("paperboy_upstream_errors_total", {{"upstream", "slack"}, {"kind", "network"}}) == 0);
    BOOST_TEST(responder.peer.request_count() == 0u);

    // 301 s after the timestamp is outside the window again, in both directions.
    fixed_now = 1531420618 + 301;
    BOOST_TEST(http_post(server->port(), "/slack/commands", body, headers).status == 401u);
    fixed_now = 1531420618 - 301;
    BOOST_TEST(http_post(server->port(), "/slack/commands", body, headers).status == 401u);
}

BOOST_AUTO_TEST_CASE(forged_requests_are_refused_on_every_route) {
    start();
    for (const auto& c : every_route(*this)) {
        BOOST_TEST_CONTEXT(c.path) {
            // Signed with another secret.
            auto forged = slack_headers("not-the-signing-secret", unix_now(), c.body, c.content_type);
            auto r = http_post(server->port(), c.path, c.body, forged);
            BOOST_TEST(r.status == 401u);
            BOOST_TEST(r.json()["error"].is_string());
            // A well-formed but wrong MAC, and garbage in the header.
            auto zeros = slack_headers(signing_secret, unix_now(), c.body, c.content_type);
            zeros[2].second = "v0=" + std::string(64, '0');
            BOOST_TEST(http_post(server->port(), c.path, c.body, zeros).status == 401u);
            zeros[2].second = "v1=" + chat::slack::sign(signing_secret, zeros[1].second, c.body).substr(3);
            BOOST_TEST(http_post(server->port(), c.path, c.body, zeros).status == 401u);
        }
    }
    require_untouched(*this);
}

BOOST_AUTO_TEST_CASE(stale_requests_are_refused_even_when_correctly_signed) {
    start();
    for (const auto& c : every_route(*this)) {
        BOOST_TEST_CONTEXT(c.path) {
            for (long long skew : {-301LL, 301LL, -3600LL, 86400LL}) {
                auto h = slack_headers(signing_secret, unix_now() + skew, c.body, c.content_type);
                BOOST_TEST(http_post(server->port(), c.path, c.body, h).status == 401u);
            }
            auto h = slack_headers(signing_secret, unix_now(), c.body, c.content_type);
            h[1].second = "yesterday";  // not a number
            h[2].second = chat::slack::sign(signing_secret, "yesterday", c.body);
            BOOST_TEST(http_post(server->port(), c.path, c.body, h).status == 401u);
        }
    }
    require_untouched(*this);
}

BOOST_AUTO_TEST_CASE(tampered_requests_are_refused) {
    start();
    for (const auto& c : every_route(*this)) {
        BOOST_TEST_CONTEXT(c.path) {
            auto h = slack_headers(signing_secret, unix_now(), c.body, c.content_type);
            // The body changed after signing: one byte, an appended parameter, a re-encoding.
            std::string flipped = c.body;
            flipped[flipped.size() / 2] ^= 1;
            BOOST_TEST(http_post(server->port(), c.path, flipped, h).status == 401u);
            BOOST_TEST(http_post(server->port(), c.path, c.body + "&text=yesterday", h).status == 401u);
            BOOST_TEST(http_post(server->port(), c.path, c.body + "\n", h).status == 401u);
            // The timestamp changed after signing (a replay with a fresh timestamp).
            auto replay = h;
            replay[1].second = std::to_string(unix_now() + 1);
            BOOST_TEST(http_post(server->port(), c.path, c.body, replay).status == 401u);
            // Upper-case hex is not what Slack sends.
            auto upper = h;
            for (auto& ch : upper[2].second) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            upper[2].second[0] = 'v';
            BOOST_TEST(http_post(server->port(), c.path, c.body, upper).status == 401u);
        }
    }
    require_untouched(*this);
}

BOOST_AUTO_TEST_CASE(unsigned_requests_are_refused) {
    start();
    for (const auto& c : every_route(*this)) {
        BOOST_TEST_CONTEXT(c.path) {
            BOOST_TEST(http_post(server->port(), c.path, c.body, {{"Content-Type", c.content_type}}).status == 401u);
            auto h = slack_headers(signing_secret, unix_now(), c.body, c.content_type);
            BOOST_TEST(http_post(server->port(), c.path, c.body, {h[0], h[1]}).status == 401u);  // no signature
            BOOST_TEST(http_post(server->port(), c.path, c.body, {h[0], h[2]}).status == 401u);  // no timestamp
            auto empty = h;
            empty[2].second = "";
            BOOST_TEST(http_post(server->port(), c.path, c.body, empty).status == 401u);
        }
    }
    // A URL verification must be signed too.
    const auto challenge = fixture("slack/events_api_url_verification.json");
    BOOST_TEST(http_post(server->port(), "/slack/events", challenge, {{"Content-Type", "application/json"}}).status ==
               401u);
    require_untouched(*this);
}

BOOST_AUTO_TEST_CASE(url_verification_answers_the_challenge) {
    start();
    const auto body = fixture("slack/events_api_url_verification.json");
    auto r = send_signed("/slack/events", body, "application/json");
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.body == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    BOOST_TEST(r.content_type.starts_with("text/plain"));
    // app_rate_limited is acknowledged and ignored.
    auto limited = send_signed("/slack/events", fixture("slack/events_api_app_rate_limited.json"), "application/json");
    BOOST_TEST(limited.status == 200u);
    settle();
    require_nothing_sent();
}

BOOST_AUTO_TEST_SUITE_END()
