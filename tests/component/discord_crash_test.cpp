// Discord posts across a crash: the real server killed (SIGKILL) right after Discord made the
// message and before the outbox row was marked. After the restart the row is sent again with the
// same nonce (enforce_nonce), Discord returns the first message, and the channel shows it once.
#include "crash_fixture.hpp"
#include "discord_fakes.hpp"
#include "fake_gateway.hpp"
#include "paperboy/chat/discord/signature.hpp"

using namespace paperboy::test;
using namespace paperboy::test::crash;

namespace {

const std::string channel = "700000000000000009";

struct discord_crash_fixture : crash_fixture {
    fake_gateway gateway{200};
    discord::fake_discord_api api{gateway.url()};
    paperboy::chat::discord::test_signer signer;

    std::vector<std::string> discord_env(std::vector<std::string> extra = {}) {
        extra.push_back("PAPERBOY_DISCORD_URL=" + api.peer.base_url());
        extra.push_back("DISCORD_PUBLIC_KEY=" + signer.public_key_hex());
        extra.push_back("DISCORD_BOT_TOKEN=discord-bot-token");
        return extra;
    }
    // "@paperboy paper 2104.12255" in the channel, as the Gateway dispatches it.
    nlohmann::json mention(const std::string& id) {
        return {{"id", id},
                {"channel_id", channel},
                {"guild_id", "700000000000000001"},
                {"type", 0},
                {"content", "<@" + gateway.bot_user_id() + "> paper 2104.12255"},
                {"author", {{"id", "410212090289192960"}, {"username", "kprasch"}}},
                {"mentions", {{{"id", gateway.bot_user_id()}}}}};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(discord_crash, discord_crash_fixture)

BOOST_AUTO_TEST_CASE(killed_after_discord_made_the_post_but_before_the_mark_the_nonce_keeps_it_single) {
    start(discord_env({"PAPERBOY_FAILPOINTS=outbox.after_send"}));
    BOOST_REQUIRE(eventually([this] { return gateway.live(); }));
    BOOST_REQUIRE(gateway.dispatch("MESSAGE_CREATE", mention("1390000000000000100")));
    const int status = stop();  // the failpoint kills it right after Discord's answer
    BOOST_TEST(WIFSIGNALED(status));
    BOOST_TEST(WTERMSIG(status) == SIGKILL);
    BOOST_REQUIRE_EQUAL(api.in(channel).size(), 1u);
    BOOST_TEST(outbox().at(0).state == "claimed");

    start(discord_env());
    BOOST_REQUIRE_MESSAGE(eventually([&] {
                              auto rows = outbox();
                              return rows.size() == 1 && rows[0].state == "sent";
                          }),
                          "the row was not marked sent after the restart");
    // The same message delivered again (a replay after the reconnect) is not answered twice.
    BOOST_REQUIRE(eventually([this] { return gateway.live(); }));
    gateway.dispatch("MESSAGE_CREATE", mention("1390000000000000100"));
    std::this_thread::sleep_for(500ms);
    const auto posts = api.in(channel);
    BOOST_REQUIRE_EQUAL(posts.size(), 1u);
    BOOST_TEST(outbox().size() == 1u);
    BOOST_TEST(outbox()[0].remote_id == posts[0].id);
    BOOST_TEST(api.requests_to("POST /channels/" + channel + "/messages") == 2u);  // re-sent, not re-made
    BOOST_TEST(posts[0].all_text().find("2104.12255") != std::string::npos);
    BOOST_TEST(gateway.identifies() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
