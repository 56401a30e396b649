#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "paperboy/bot/command.hpp"
#include "paperboy/chat/discord/interactions.hpp"
#include "fake_peer.hpp"

using namespace paperboy::chat::discord;
using json = nlohmann::json;

namespace {

const std::string fixtures = PAPERBOY_SHARED_FIXTURES;

json command(json sub) {
    return {{"type", 2}, {"id", "111"}, {"application_id", "222"}, {"token", "tok"}, {"guild_id", "333"},
            {"channel_id", "444"}, {"locale", "ja"}, {"member", {{"user", {{"id", "555"}}}}},
            {"data", {{"name", "papers"}, {"type", 1}, {"options", json::array({sub})}}}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(discord_interactions)

BOOST_AUTO_TEST_CASE(the_real_interactions_parse) {
    auto signed_one = parse_interaction(paperboy::test::read_file(
        fixtures + "/discord/interaction_application_command_signed.body.json"));
    BOOST_REQUIRE(signed_one);
    BOOST_TEST(signed_one->type == 2);
    BOOST_TEST(signed_one->id == "1381177107555680327");
    BOOST_TEST(signed_one->application_id == "1380486651436073092");
    BOOST_TEST(signed_one->guild_id == "1380488052169769110");
    BOOST_TEST(signed_one->channel_id == "1380488052169769113");
    BOOST_TEST(signed_one->user_id == "410212090289192960");
    BOOST_TEST(signed_one->locale == "en-US");
    BOOST_TEST(signed_one->command_name == "sign");
    BOOST_TEST(signed_one->thread_parent.empty());
    auto guild = parse_interaction(paperboy::test::read_file(fixtures + "/discord/interaction_application_command_guild.json"));
    BOOST_REQUIRE(guild);
    BOOST_TEST(guild->type == 2);
    BOOST_TEST(!guild->token.empty());
}

BOOST_AUTO_TEST_CASE(sub_commands_become_the_text_of_slacks_command) {
    auto text = [](json sub) { return parse_interaction(command(sub).dump())->command_text; };
    BOOST_TEST(text({{"name", "today"}, {"type", 1}}) == "today");
    BOOST_TEST(text({{"name", "date"}, {"type", 1}, {"options", {{{"name", "date"}, {"type", 3}, {"value", "2026-02-23"}}}}}) ==
               "date 2026-02-23");
    // Options in the order the command declares them, whatever order the user typed them in.
    json subscribe{{"name", "subscribe"},
                   {"type", 1},
                   {"options", {{{"name", "language"}, {"type", 3}, {"value", "ja"}},
                                {{"name", "zone"}, {"type", 3}, {"value", "Asia/Tokyo"}},
                                {{"name", "time"}, {"type", 3}, {"value", "07:30"}}}}};
    BOOST_TEST(text(subscribe) == "subscribe 07:30 Asia/Tokyo ja");
    auto c = paperboy::bot::parse_command(text(subscribe));
    BOOST_TEST((c.kind == paperboy::bot::command_kind::subscribe));
    BOOST_TEST(c.time_zone == "Asia/Tokyo");
    BOOST_TEST(text({{"name", "paper"}, {"type", 1}, {"options", {{{"name", "id"}, {"type", 3}, {"value", "2602.10693"}}}}}) ==
               "paper 2602.10693");
    BOOST_TEST(text({{"name", "settings"}, {"type", 1}, {"options", {{{"name", "value"}, {"type", 3}, {"value", "ja"}},
                                                                     {{"name", "setting"}, {"type", 3}, {"value", "language"}}}}}) ==
               "settings language ja");
}

BOOST_AUTO_TEST_CASE(a_command_from_a_thread_speaks_for_its_parent_channel) {
    auto j = command({{"name", "today"}, {"type", 1}});
    j["channel"] = {{"id", "444"}, {"type", 11}, {"parent_id", "400"}};
    auto i = parse_interaction(j.dump());
    BOOST_REQUIRE(i);
    auto where = conversation_of(*i, 1000, true);
    BOOST_TEST(where.platform == "discord");
    BOOST_TEST(where.channel == "400");
    BOOST_TEST(where.thread == "444");
    BOOST_TEST(where.workspace == "333");
    BOOST_TEST(where.locale == "ja");
    auto address = parse_address(where.private_reply);
    BOOST_REQUIRE(address);
    BOOST_TEST(address->application_id == "222");
    BOOST_TEST(address->token == "tok");
    BOOST_TEST(address->received_ms == 1000);
    BOOST_TEST(address->deferred_message);
}

BOOST_AUTO_TEST_CASE(addresses_keep_tokens_with_any_character) {
    auto a = parse_address(format_address({"9", "a/b.c-d", 42, false}));
    BOOST_REQUIRE(a);
    BOOST_TEST(a->token == "a/b.c-d");
    BOOST_TEST(!a->deferred_message);
    BOOST_TEST(!parse_address("9/x/c/tok"));
    BOOST_TEST(!parse_address("9/42/z/tok"));
    BOOST_TEST(!parse_address("9/42/c/"));
}

BOOST_AUTO_TEST_CASE(not_interactions_are_refused) {
    BOOST_TEST(!parse_interaction("not json"));
    BOOST_TEST(!parse_interaction("{}"));
    BOOST_TEST(!parse_interaction(R"({"type":2,"id":"1"})"));  // no token
    BOOST_TEST(parse_interaction(R"({"type":1,"id":"1"})").has_value());  // a PING needs none
}

BOOST_AUTO_TEST_CASE(custom_ids_round_trip_within_100_characters) {
    summary_button b{"2026-02-23", 3, "2602.10693", "llm|weird"};
    auto id = format_custom_id(b);
    BOOST_REQUIRE(id);
    auto back = parse_custom_id(*id);
    BOOST_REQUIRE(back);
    BOOST_TEST(back->day == b.day);
    BOOST_TEST(back->number == 3);
    BOOST_TEST(back->arxiv_id == b.arxiv_id);
    BOOST_TEST(back->profile == b.profile);
    BOOST_TEST(!format_custom_id({"2026-02-23", 3, "2602.10693", std::string(90, 'p')}));
    BOOST_TEST(!parse_custom_id("sum|2026-02-23|x|2602.10693|llm"));
    BOOST_TEST(!parse_custom_id("other"));
}

BOOST_AUTO_TEST_CASE(the_command_definition_is_within_discords_rules) {
    auto defs = json::parse(papers_command_definitions());
    BOOST_REQUIRE(defs.is_array());
    BOOST_REQUIRE_EQUAL(defs.size(), 1u);
    const auto& papers = defs[0];
    BOOST_TEST(papers["name"] == "papers");
    std::set<std::string> subs;
    std::size_t characters = 0;
    for (const auto& o : papers["options"]) {
        BOOST_TEST(o["type"] == 1);
        subs.insert(o["name"].get<std::string>());
        BOOST_TEST(o["description"].get<std::string>().size() <= 100u);
        characters += o["name"].get<std::string>().size() + o["description"].get<std::string>().size();
        bool optional_seen = false;
        for (const auto& opt : o["options"]) {
            if (!opt["required"].get<bool>()) optional_seen = true;
            else BOOST_TEST(!optional_seen);  // required before optional
        }
    }
    BOOST_TEST(characters < 8000u);
    BOOST_TEST((subs == std::set<std::string>{"today", "yesterday", "date", "paper", "subscribe", "unsubscribe",
                                              "settings", "help"}));
}

BOOST_AUTO_TEST_SUITE_END()
