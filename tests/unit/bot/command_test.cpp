#include "paperboy/bot/command.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "paperboy/core/time.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy::bot;
using paperboy::core::format_ymd;

namespace paperboy::bot {
std::ostream& operator<<(std::ostream& os, command_kind k) {
    static const char* names[] = {"today", "yesterday", "date", "paper", "subscribe", "unsubscribe", "settings", "help", "usage"};
    return os << names[static_cast<int>(k)];
}
}  // namespace paperboy::bot

BOOST_AUTO_TEST_SUITE(bot_command)

struct ok_case {
    const char* text;
    command_kind kind;
    const char* date = "";  // kind date
    const char* id = "";    // kind paper
    const char* time = "08:00";
    const char* zone = "";
    const char* language = "";
};
std::ostream& operator<<(std::ostream& os, const ok_case& c) { return os << '"' << c.text << '"'; }

const ok_case understood[] = {
    {"", command_kind::today},
    {"   ", command_kind::today},
    {"today", command_kind::today},
    {"  TODAY  ", command_kind::today},
    {"Today", command_kind::today},
    {"yesterday", command_kind::yesterday},
    {"YESTERDAY\n", command_kind::yesterday},
    {"2026-02-23", command_kind::date, "2026-02-23"},
    {"2024-02-29", command_kind::date, "2024-02-29"},
    {"  2026-02-23 ", command_kind::date, "2026-02-23"},
    {"paper 2602.10693", command_kind::paper, "", "2602.10693"},
    {"PAPER 2602.10693v2", command_kind::paper, "", "2602.10693"},
    {"paper   arXiv:2602.10693", command_kind::paper, "", "2602.10693"},
    {"paper https://arxiv.org/abs/2602.10693v3", command_kind::paper, "", "2602.10693"},
    {"paper hep-th/9901001", command_kind::paper, "", "hep-th/9901001"},
    {"2602.10693", command_kind::paper, "", "2602.10693"},
    {"2602.10693v1", command_kind::paper, "", "2602.10693"},
    {"https://arxiv.org/abs/2602.10693", command_kind::paper, "", "2602.10693"},
    {"https://arxiv.org/pdf/2602.10693v2.pdf", command_kind::paper, "", "2602.10693"},
    {"https://arxiv.org/abs/2602.10693", command_kind::paper, "", "2602.10693"},
    {"paper https://arxiv.org/abs/2602.10693", command_kind::paper, "", "2602.10693"},
    {"２６０２.１０６９３", command_kind::paper, "", "2602.10693"},  // full-width digits
    {"subscribe", command_kind::subscribe},
    {"subscribe 7:30 Asia/Tokyo ja", command_kind::subscribe, "", "", "07:30", "Asia/Tokyo", "ja"},
    {"subscribe ja", command_kind::subscribe, "", "", "08:00", "", "ja"},
    {"SUBSCRIBE ja 07:05", command_kind::subscribe, "", "", "07:05", "", "ja"},
    {"subscribe Europe/Berlin 23:59", command_kind::subscribe, "", "", "23:59", "Europe/Berlin", ""},
    {"subscribe 0:00 UTC", command_kind::subscribe, "", "", "00:00", "UTC", ""},
    {"subscribe utc en", command_kind::subscribe, "", "", "08:00", "UTC", "en"},
    {"subscribe pt-BR America/Sao_Paulo 9:00", command_kind::subscribe, "", "", "09:00", "America/Sao_Paulo", "pt-BR"},
    {"subscribe America/Argentina/Buenos_Aires es-419", command_kind::subscribe, "", "", "08:00",
     "America/Argentina/Buenos_Aires", "es-419"},
    {"subscribe zh_hant Etc/GMT+9", command_kind::subscribe, "", "", "08:00", "Etc/GMT+9", "zh-Hant"},
    {"subscribe　8:15　Asia/Tokyo", command_kind::subscribe, "", "", "08:15", "Asia/Tokyo", ""},  // U+3000
    {"unsubscribe", command_kind::unsubscribe},
    {"Unsubscribe ", command_kind::unsubscribe},
    {"help", command_kind::help},
    {"HELP me please", command_kind::help},
};

BOOST_DATA_TEST_CASE(understands, bdata::make(understood), c) {
    const command got = parse_command(c.text);
    BOOST_TEST(got.kind == c.kind);
    BOOST_TEST(got.problem == "");
    if (c.kind == command_kind::date) BOOST_TEST(format_ymd(got.date) == c.date);
    BOOST_TEST(got.arxiv_id == c.id);
    BOOST_TEST(got.time == c.time);
    BOOST_TEST(got.time_zone == c.zone);
    BOOST_TEST(got.language == c.language);
}

struct usage_case {
    const char* text;
    const char* problem_contains;
};
std::ostream& operator<<(std::ostream& os, const usage_case& c) { return os << '"' << c.text << '"'; }

const usage_case not_understood[] = {
    {"frobnicate", "unknown command 'frobnicate'"},
    {"2026-02-30", "'2026-02-30' is not a valid date"},
    {"2026-13-01", "not a valid date"},
    {"2026-2-3", "not a valid date"},
    {"today please", "'today' takes nothing after it"},
    {"yesterday 2026-02-23", "takes nothing after it"},
    {"2026-02-23 extra", "takes nothing after it"},
    {"unsubscribe now", "takes nothing after it"},
    {"paper", "paper needs an arXiv id"},
    {"paper 12345", "'12345' is not an arXiv id"},
    {"paper 2602.10693 2602.10694", "paper takes one arXiv id"},
    {"https://example.com/abs/2602.10693", "unknown command"},
    {"subscribe 24:00", "'24:00' is not a time"},
    {"subscribe 7:5", "'7:5' is not a time"},
    {"subscribe 123:00", "is not a time"},
    {"subscribe 7:30 8:30", "one time"},
    {"subscribe Asia/Tokyo Europe/Paris", "one time zone"},
    {"subscribe ja en", "one language"},
    {"subscribe JST", "'JST' is an abbreviation"},
    {"subscribe tomorrow", "'tomorrow' is not a time (HH:MM), a time zone"},
    {"subscribe Asia//Tokyo", "is not a time"},
    {"subscribe pt-BRA", "is not a time"},
    {"3", "unknown command '3'"},
    {"settings colour blue", "settings can change language, profile or layout"},
    {"settings language", "needs a value"},
    {"settings language klingon!", "is not a language"},
    {"settings layout wide", "layout is full or compact"},
    {"settings profile a/b", "is not a profile name"},
    {"settings profile llm extra", "takes one value"},
};

struct settings_case {
    const char* text;
    const char* setting;
    const char* value;
};
const settings_case settings_commands[] = {
    {"settings", "", ""},
    {"SETTINGS", "", ""},
    {"settings language JA", "language", "ja"},
    {"settings language pt_br", "language", "pt-BR"},
    {"settings profile vision-2", "profile", "vision-2"},
    {"settings layout Compact", "layout", "compact"},
    {"settings layout full", "layout", "full"},
};
std::ostream& operator<<(std::ostream& os, const settings_case& c) { return os << '"' << c.text << '"'; }

BOOST_DATA_TEST_CASE(understands_settings, bdata::make(settings_commands), c) {
    const command got = parse_command(c.text);
    BOOST_TEST(got.kind == command_kind::settings, got.problem);
    BOOST_TEST(got.setting == c.setting);
    BOOST_TEST(got.value == c.value);
}

BOOST_DATA_TEST_CASE(explains_what_it_did_not_understand, bdata::make(not_understood), c) {
    const command got = parse_command(c.text);
    BOOST_TEST(got.kind == command_kind::usage);
    BOOST_TEST(got.problem.find(c.problem_contains) != std::string::npos, got.problem);
}

BOOST_AUTO_TEST_CASE(quotes_little_of_long_or_odd_input) {
    const command got = parse_command(std::string(200, 'x') + "`\x01");
    BOOST_TEST(got.kind == command_kind::usage);
    BOOST_TEST(got.problem.size() < 80);
    BOOST_TEST(got.problem.find('`') == std::string::npos);
    // A cut never splits a UTF-8 character.
    const command ja = parse_command("日本語のコマンドをたくさん書いてみましたがどうでしょうか");
    BOOST_TEST(ja.kind == command_kind::usage);
    BOOST_TEST(ja.problem.find("...") != std::string::npos);
    BOOST_TEST(ja.problem.find("日本語") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(defaults) {
    const command c;
    BOOST_TEST(c.kind == command_kind::usage);
    BOOST_TEST(c.time == "08:00");
}

BOOST_AUTO_TEST_CASE(subscribe_takes_the_days_it_runs_on) {
    BOOST_TEST(parse_command("subscribe 7:30 daily").weekdays == "daily");
    BOOST_TEST(parse_command("subscribe every-day Asia/Tokyo").weekdays == "daily");
    BOOST_TEST(parse_command("subscribe weekdays").weekdays == "mon-fri");
    BOOST_TEST(parse_command("subscribe Sat,Sun 10:00").weekdays == "sat,sun");
    BOOST_TEST(parse_command("subscribe").weekdays.empty());  // the default, Monday to Friday
    // A single day name is a language code too ("mon" is Mongolian): not taken as days.
    BOOST_TEST(parse_command("subscribe mon").language == "mon");
    const auto twice = parse_command("subscribe daily weekdays");
    BOOST_TEST((twice.kind == command_kind::usage));
    BOOST_TEST(twice.problem.find("one set of days") != std::string::npos, twice.problem);
}

BOOST_AUTO_TEST_SUITE_END()
