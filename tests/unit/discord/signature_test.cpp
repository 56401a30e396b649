#include <boost/test/unit_test.hpp>

#include "paperboy/chat/discord/signature.hpp"
#include "fake_peer.hpp"

using namespace paperboy::chat::discord;
using namespace std::chrono;

namespace {

const std::string fixtures = PAPERBOY_SHARED_FIXTURES;
// The real interaction (../shared/fixtures/real/discord, SOURCES.md): Discord's key, signature and timestamp.
const std::string public_key = "b853dd9f496723daf64bf2f5a886086f790df66e61d7b6f7f98a50c9e5ede8f3";
const std::string signature =
    "0a12acb96843700b724f1c9dba3075a7fc482677e0c713eb6be63bfea406fb33b4715975f1062b2dff95127bd559ee23758911bd217760727dc44e7880bc6e04";
const std::string timestamp = "1749368683";
const system_clock::time_point signed_at{seconds(1749368683)};

std::string body() { return paperboy::test::read_file(fixtures + "/discord/interaction_application_command_signed.body.json"); }

verifier discord_key() { return *verifier::from_hex(public_key); }

}  // namespace

BOOST_AUTO_TEST_SUITE(discord_signature)

BOOST_AUTO_TEST_CASE(the_real_signed_interaction_verifies_near_its_timestamp) {
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature, body(), signed_at + seconds(2))) == "ok");
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature, body(), signed_at - seconds(299))) == "ok");
}

BOOST_AUTO_TEST_CASE(a_stale_or_future_timestamp_is_refused_before_the_signature_is_checked) {
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature, body(), signed_at + seconds(301))) == "stale");
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature, body(), signed_at - seconds(301))) == "stale");
    BOOST_TEST(to_string(discord_key().verify("17493686x3", signature, body(), signed_at)) == "stale");
}

BOOST_AUTO_TEST_CASE(one_changed_byte_of_body_timestamp_or_signature_fails) {
    auto tampered = body();
    tampered[tampered.find("llamas")] = 'L';
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature, tampered, signed_at)) == "bad_signature");
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature, body() + "\n", signed_at)) == "bad_signature");
    BOOST_TEST(to_string(discord_key().verify("1749368684", signature, body(), signed_at)) == "bad_signature");
    auto forged = signature;
    forged[10] = forged[10] == 'a' ? 'b' : 'a';
    BOOST_TEST(to_string(discord_key().verify(timestamp, forged, body(), signed_at)) == "bad_signature");
    BOOST_TEST(to_string(discord_key().verify(timestamp, signature.substr(2), body(), signed_at)) == "bad_signature");
    BOOST_TEST(to_string(discord_key().verify(timestamp, "zz" + signature.substr(2), body(), signed_at)) == "bad_signature");
}

BOOST_AUTO_TEST_CASE(unsigned_requests_are_missing) {
    BOOST_TEST(to_string(discord_key().verify("", signature, body(), signed_at)) == "missing");
    BOOST_TEST(to_string(discord_key().verify(timestamp, "", body(), signed_at)) == "missing");
}

BOOST_AUTO_TEST_CASE(another_applications_key_does_not_verify_discords_signature) {
    test_signer other;
    auto key = verifier::from_hex(other.public_key_hex());
    BOOST_REQUIRE(key);
    BOOST_TEST(to_string(key->verify(timestamp, signature, body(), signed_at)) == "bad_signature");
    // ...while what that key's owner signs verifies with it, and not with Discord's key.
    const auto own = other.sign(timestamp, body());
    BOOST_TEST(to_string(key->verify(timestamp, own, body(), signed_at)) == "ok");
    BOOST_TEST(to_string(discord_key().verify(timestamp, own, body(), signed_at)) == "bad_signature");
}

BOOST_AUTO_TEST_CASE(malformed_public_keys_are_configuration_errors) {
    BOOST_TEST(!verifier::from_hex(""));
    BOOST_TEST(!verifier::from_hex(public_key.substr(1)));
    BOOST_TEST(!verifier::from_hex("g" + public_key.substr(1)));
    BOOST_TEST(verifier::from_hex("B853DD9F496723DAF64BF2F5A886086F790DF66E61D7B6F7F98A50C9E5EDE8F3").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
