// The Discord port's rendering side: what the outbox stores for each kind of message.
#include <boost/test/unit_test.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "paperboy/chat/discord/interactions.hpp"
#include "paperboy/chat/discord/port.hpp"
#include "paperboy/metrics/registry.hpp"
#include "../render/check_limits.hpp"
#include "../render/sample_digest.hpp"

using namespace paperboy;
using namespace paperboy::chat::discord;
using nlohmann::json;

namespace {

struct port_fixture {
    boost::asio::io_context ioc;
    metrics::registry metrics;
    net::http_client http{ioc.get_executor(), {}, {}, metrics};
    rest_client rest{http, {"http://127.0.0.1:1", std::string("token")}};
    discord_port port{rest, core::clock::system()};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(discord_port_rendering, port_fixture)

BOOST_AUTO_TEST_CASE(the_digest_carries_a_summary_button_per_paper_and_pings_nobody) {
    auto d = render::test::sample_digest();
    d.entries[0].paper.title = "@everyone look: <@&123> scaling";
    auto messages = port.digest_messages(d, "full");
    auto bodies = render::test::check_discord(messages);
    BOOST_REQUIRE(!bodies.empty());
    const auto& rows = bodies[0]["components"];
    BOOST_REQUIRE(rows.is_array());
    std::size_t buttons = 0;
    for (const auto& row : rows) {
        BOOST_TEST(row["type"] == 1);
        BOOST_TEST(row["components"].size() <= 5u);
        for (const auto& b : row["components"]) {
            ++buttons;
            BOOST_TEST(b["custom_id"].get<std::string>().size() <= 100u);
            auto parsed = parse_custom_id(b["custom_id"].get<std::string>());
            BOOST_REQUIRE(parsed);
            BOOST_TEST(b["label"] == "Summary " + std::to_string(parsed->number));
        }
    }
    BOOST_TEST(buttons == d.entries.size());
    for (const auto& b : bodies) BOOST_TEST(b["allowed_mentions"]["parse"].empty());
}

BOOST_AUTO_TEST_CASE(at_most_25_buttons_on_a_long_digest) {
    auto d = render::test::japanese_digest(30, 2);
    auto bodies = render::test::check_discord(port.digest_messages(d, "full"));
    std::size_t buttons = 0;
    BOOST_TEST(bodies[0]["components"].size() <= 5u);
    for (const auto& row : bodies[0]["components"]) buttons += row["components"].size();
    BOOST_TEST(buttons == 25u);
    BOOST_TEST(bodies[0]["components"][0]["components"][0]["label"] == "要約 1");
}

BOOST_AUTO_TEST_CASE(thread_messages_name_their_thread_after_the_digest) {
    auto d = render::test::sample_digest();
    auto thread = port.thread_messages(d);
    BOOST_REQUIRE(thread.size() >= d.entries.size());
    for (const auto& m : thread) {
        auto j = json::parse(m);
        BOOST_TEST(j["paperboy"]["thread_name"] == "LLM Papers Survey (2026-02-23)");
    }
}

BOOST_AUTO_TEST_CASE(private_answers_are_ephemeral_and_know_their_place) {
    const std::string address = format_address({"222", "tok", 1000, true});
    auto row = port.private_row(address, port.text_message("Usage: /papers today"), false, 0);
    BOOST_REQUIRE(row);
    BOOST_TEST(row->platform == interaction_platform);
    BOOST_TEST(row->channel == address);
    auto j = json::parse(row->payload);
    BOOST_TEST(j["flags"] == 64);
    BOOST_TEST(j["paperboy"]["index"] == 0);
    BOOST_TEST(j["content"] == "Usage: /papers today");
    BOOST_TEST(j["allowed_mentions"]["parse"].empty());
    auto visible = port.private_row(address, port.text_message("x"), true, 1);
    BOOST_TEST(!json::parse(visible->payload).contains("flags"));
    BOOST_TEST(!port.private_row("https://hooks.slack.com/x", "{}", false, 0));
}

BOOST_AUTO_TEST_CASE(only_the_first_message_of_a_deferred_command_replaces_its_response) {
    const std::string command = format_address({"222", "tok", 1000, true});
    const std::string button = format_address({"222", "tok", 1000, false});
    auto first = json::parse(port.answering(port.text_message("a"), command, 0));
    BOOST_TEST(first["paperboy"]["interaction"] == command);
    BOOST_TEST(!json::parse(port.answering(port.text_message("a"), command, 1)).contains("paperboy"));
    BOOST_TEST(!json::parse(port.answering(port.text_message("a"), button, 0)).contains("paperboy"));
}

BOOST_AUTO_TEST_CASE(nonces_are_25_characters_and_differ_per_key) {
    BOOST_TEST(nonce_of("discord:cmd:1:m0").size() == 25u);
    BOOST_TEST(nonce_of("discord:cmd:1:m0") == nonce_of("discord:cmd:1:m0"));
    BOOST_TEST(nonce_of("discord:cmd:1:m0") != nonce_of("discord:cmd:1:m1"));
}

BOOST_AUTO_TEST_SUITE_END()
