#pragma once
// The chat command language (CONTRACT.md "Chat commands"), shared by the Slack and Discord
// adapters: the text after `/papers` in, a typed command out. Pure; never throws except bad_alloc.
#include <chrono>
#include <string>
#include <string_view>

namespace paperboy::bot {

enum class command_kind { today, yesterday, date, paper, subscribe, unsubscribe, settings, help, usage };

struct command {
    command_kind kind = command_kind::usage;
    std::chrono::sys_days date{};  // kind date
    std::string arxiv_id;          // kind paper: version-less ("2602.10693")
    // kind subscribe: "HH:MM" (two-digit hour), default 08:00; the zone and language are empty when
    // not given (the caller uses the configured zone and language). The zone only *looks* like an
    // IANA name ("Area/City", "Area/Sub/City", "UTC", "GMT"), kept as typed except UTC/GMT, which are
    // upper-cased; checking it against the tz database is the caller's job. The language is a
    // normalised tag: "ja", "pt-BR", "zh-Hant".
    std::string time = "08:00";
    std::string time_zone;
    std::string language;  // kind subscribe, and kind settings with setting "language"
    // kind subscribe: "daily", "mon-fri" or a list ("mon,wed,fri"); empty: the default (mon-fri).
    std::string weekdays;
    // kind settings: empty to show them; else "language", "profile" or "layout" and its new value
    // (a normalised language tag; a profile name as typed, which the caller checks; full|compact).
    std::string setting;
    std::string value;
    // kind usage: what was not understood, in English, for usage_text(). Quotes at most ~40 bytes
    // of the user's text (UTF-8-safe, control characters and backticks dropped); adapters still
    // escape it for their markup.
    std::string problem;
    bool operator==(const command&) const = default;
};

// `text` is plain text: adapters remove their platform's markup first (chat::slack::plain_text).
// Keywords are case-insensitive; runs of white space (including U+3000 IDEOGRAPHIC SPACE) separate
// words. "" and "today" → today; "yesterday"; "YYYY-MM-DD" (a real calendar date) → date;
// "paper ID", a bare id, "arXiv:ID" or an arxiv.org URL (also Slack's "<URL>" / "<URL|label>" link
// syntax) → paper; "subscribe" with HH:MM (00:00–23:59, 1–2 digit hour), TIME_ZONE, LANG and days
// ("daily", "weekdays", "mon-fri", "sat,sun") in any order, each at most once → subscribe; "unsubscribe"; "help" (anything after it is ignored);
// everything else, including extra words after a command → usage with `problem` set.
command parse_command(std::string_view text);

}  // namespace paperboy::bot
