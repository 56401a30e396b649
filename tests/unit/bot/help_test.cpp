#include "paperboy/bot/help.hpp"

#include <boost/test/unit_test.hpp>

using namespace paperboy::bot;

BOOST_AUTO_TEST_SUITE(bot_help)

// CONTRACT.md's chat commands, spelled as there.
const char* contract_forms[] = {"`/papers today`", "`/papers yesterday`", "`/papers YYYY-MM-DD`",
                                "`/papers paper ARXIV_ID`", "`/papers subscribe [HH:MM] [TIME_ZONE] [LANG]`",
                                "`/papers unsubscribe`", "`/papers help`"};

BOOST_AUTO_TEST_CASE(lists_every_command_in_both_languages) {
    for (const char* language : {"en", "ja", "ja-JP", "fr", ""}) {
        const std::string text = help_text(language);
        for (const char* form : contract_forms) BOOST_TEST(text.find(form) != std::string::npos, language << ": " << form);
        BOOST_TEST(text.find("08:00") != std::string::npos);
        // Adapters escape the whole text for their markup; the fixed text must survive that.
        BOOST_TEST(text.find_first_of("&<>") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(picks_the_language) {
    BOOST_TEST(help_text("ja").find("ダイジェスト") != std::string::npos);
    BOOST_TEST(help_text("ja-JP") == help_text("ja"));
    BOOST_TEST(help_text("en").find("digest") != std::string::npos);
    BOOST_TEST(help_text("de") == help_text("en"));
    BOOST_TEST(help_text("en") != help_text("ja"));
}

BOOST_AUTO_TEST_CASE(usage_says_what_went_wrong_then_helps) {
    const std::string en = usage_text("en", "unknown command 'frobnicate'");
    BOOST_TEST(en.starts_with("Sorry, I did not understand that: unknown command 'frobnicate'.\n"));
    BOOST_TEST(en.ends_with(help_text("en")));
    const std::string ja = usage_text("ja", "unknown command 'x'");
    BOOST_TEST(ja.starts_with("コマンドを理解できませんでした: unknown command 'x'\n"));
    BOOST_TEST(ja.ends_with(help_text("ja")));
    BOOST_TEST(usage_text("en", "").starts_with("Sorry, I did not understand that.\n"));
}

BOOST_AUTO_TEST_SUITE_END()
