#include "paperboy/bot/command.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "markup.hpp"
#include "paperboy/core/arxiv_id.hpp"
#include "paperboy/core/text.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/schedule/timing.hpp"

namespace paperboy::bot {
namespace {

using detail::is_ascii_alpha;
using detail::is_ascii_digit;

// At most ~40 bytes of what the user typed, safe to quote in one line of a reply.
std::string quote(std::string_view text) {
    constexpr std::size_t max_bytes = 40;
    std::string clean;
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && c != '`') clean.push_back(c);
    if (clean.size() > max_bytes) {
        clean.resize(core::utf8_prefix_length(clean, max_bytes));
        clean += "...";
    }
    return "'" + clean + "'";
}

command usage(std::string problem) {
    command c;
    c.kind = command_kind::usage;
    c.problem = std::move(problem);
    return c;
}

command of_kind(command_kind kind) {
    command c;
    c.kind = kind;
    return c;
}

// "7:30", "07:30", "23:59" → "07:30"; nothing for anything else.
std::optional<std::string> parse_time(std::string_view w) {
    auto colon = w.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || w.size() != colon + 3) return std::nullopt;
    if (!std::all_of(w.begin(), w.begin() + colon, is_ascii_digit) || !is_ascii_digit(w[colon + 1]) ||
        !is_ascii_digit(w[colon + 2]))
        return std::nullopt;
    int h = colon == 1 ? w[0] - '0' : (w[0] - '0') * 10 + (w[1] - '0');
    int m = (w[colon + 1] - '0') * 10 + (w[colon + 2] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    std::string out{static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':', w[colon + 1], w[colon + 2]};
    return out;
}

bool looks_like_time(std::string_view w) {
    return w.find(':') != std::string_view::npos &&
           std::all_of(w.begin(), w.end(), [](char c) { return is_ascii_digit(c) || c == ':'; });
}

// "Asia/Tokyo", "America/Argentina/Buenos_Aires", "Etc/GMT+9", "UTC", "GMT".
std::optional<std::string> parse_zone(std::string_view w) {
    std::string lower = core::ascii_lower(w);
    if (lower == "utc") return "UTC";
    if (lower == "gmt") return "GMT";
    if (w.find('/') == std::string_view::npos || w.size() > 64) return std::nullopt;
    std::size_t start = 0;
    while (start <= w.size()) {
        auto slash = w.find('/', start);
        auto part = w.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (part.empty() || !is_ascii_alpha(part.front())) return std::nullopt;
        bool ok = std::all_of(part.begin(), part.end(), [](char c) {
            return detail::is_ascii_alnum(c) || c == '_' || c == '-' || c == '+';
        });
        if (!ok) return std::nullopt;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return std::string(w);
}

// Abbreviations people type for zones; they are ambiguous (IST) or not in the tz database.
bool is_zone_abbreviation(std::string_view w) {
    static constexpr std::array<std::string_view, 16> abbreviations = {
        "JST", "KST", "EST", "EDT", "PST", "PDT", "CST", "CDT", "MST", "MDT", "CET", "CEST", "BST", "IST", "AEST", "AEDT"};
    return std::find(abbreviations.begin(), abbreviations.end(), w) != abbreviations.end();
}

// "ja", "EN", "pt-BR", "pt_br", "zh-Hant", "es-419" → "ja", "en", "pt-BR", "pt-BR", "zh-Hant", "es-419".
std::optional<std::string> parse_language(std::string_view w) {
    auto sep = w.find_first_of("-_");
    auto primary = w.substr(0, sep);
    if (primary.size() < 2 || primary.size() > 3 || !std::all_of(primary.begin(), primary.end(), is_ascii_alpha))
        return std::nullopt;
    std::string out = core::ascii_lower(primary);
    if (sep == std::string_view::npos) return out;
    auto sub = w.substr(sep + 1);
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    out.push_back('-');
    if (sub.size() == 2 && std::all_of(sub.begin(), sub.end(), is_ascii_alpha)) {
        out.push_back(upper(sub[0]));
        out.push_back(upper(sub[1]));
    } else if (sub.size() == 4 && std::all_of(sub.begin(), sub.end(), is_ascii_alpha)) {
        std::string script = core::ascii_lower(sub);
        script[0] = upper(script[0]);
        out += script;
    } else if (sub.size() == 3 && std::all_of(sub.begin(), sub.end(), is_ascii_digit)) {
        out.append(sub);
    } else {
        return std::nullopt;
    }
    return out;
}

// "daily", "weekdays", "every-day", or days with a range or list ("mon-fri", "sat,sun"). A single
// day name alone is not taken: "mon" and "sat" are also language codes.
std::optional<std::string> parse_days(std::string_view w) {
    const std::string lower = core::ascii_lower(w);
    if (lower == "every-day") return "daily";
    const bool named = lower == "daily" || lower == "weekdays" || lower == "everyday" || lower == "every_day";
    if (!named && lower.find_first_of(",-") == std::string::npos) return std::nullopt;
    auto set = schedule::parse_weekdays(lower);
    if (!set) return std::nullopt;
    return schedule::format_weekdays(*set);
}

command parse_subscribe(const std::vector<std::string_view>& args) {
    command c = of_kind(command_kind::subscribe);
    bool have_time = false;
    for (std::string_view w : args) {
        if (auto t = parse_time(w)) {
            if (have_time) return usage("subscribe takes one time, got a second one " + quote(w));
            c.time = *t;
            have_time = true;
        } else if (looks_like_time(w)) {
            return usage(quote(w) + " is not a time between 00:00 and 23:59 (HH:MM)");
        } else if (is_zone_abbreviation(w)) {
            return usage(quote(w) + " is an abbreviation; give a time zone such as Asia/Tokyo or UTC");
        } else if (auto z = parse_zone(w)) {
            if (!c.time_zone.empty()) return usage("subscribe takes one time zone, got a second one " + quote(w));
            c.time_zone = *z;
        } else if (auto days = parse_days(w)) {
            if (!c.weekdays.empty()) return usage("subscribe takes one set of days, got a second one " + quote(w));
            c.weekdays = *days;
        } else if (auto l = parse_language(w)) {
            if (!c.language.empty()) return usage("subscribe takes one language, got a second one " + quote(w));
            c.language = *l;
        } else {
            return usage(quote(w) + " is not a time (HH:MM), a time zone (Area/City or UTC), days (daily, mon-fri) "
                                    "or a language (en, ja, pt-BR)");
        }
    }
    return c;
}

// "2026-02-30", "2026-2-3": digits and two dashes, so the user meant a date.
bool looks_like_date(std::string_view w) {
    return std::count(w.begin(), w.end(), '-') == 2 &&
           std::all_of(w.begin(), w.end(), [](char c) { return is_ascii_digit(c) || c == '-'; });
}

command expect_alone(command c, const std::vector<std::string_view>& words) {
    if (words.size() > 1)
        return usage(quote(words[0]) + " takes nothing after it, but got " + quote(words[1]));
    return c;
}

command parse_settings(const std::vector<std::string_view>& args) {
    command c = of_kind(command_kind::settings);
    if (args.empty()) return c;
    const std::string what = core::ascii_lower(args[0]);
    if (what != "language" && what != "profile" && what != "layout")
        return usage("settings can change language, profile or layout, not " + quote(args[0]));
    if (args.size() < 2) return usage("settings " + what + " needs a value, e.g. settings " + what + " " +
                                      (what == "language" ? "ja" : what == "layout" ? "compact" : "llm"));
    if (args.size() > 2) return usage("settings " + what + " takes one value, but got " + quote(args[2]) + " after it");
    c.setting = what;
    if (what == "language") {
        auto l = parse_language(args[1]);
        if (!l) return usage(quote(args[1]) + " is not a language (en, ja, pt-BR)");
        c.value = *l;
        c.language = *l;
    } else if (what == "layout") {
        c.value = core::ascii_lower(args[1]);
        if (c.value != "full" && c.value != "compact")
            return usage("layout is full or compact, not " + quote(args[1]));
    } else {
        const auto& name = args[1];
        bool ok = name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char ch) {
            return detail::is_ascii_alnum(ch) || ch == '_' || ch == '-' || ch == '.';
        });
        if (!ok) return usage(quote(name) + " is not a profile name");
        c.value = std::string(name);
    }
    return c;
}

}  // namespace

command parse_command(std::string_view text) {
    const std::string plain = detail::plain_text(text);
    const auto words = detail::split_words(plain);
    if (words.empty()) return of_kind(command_kind::today);

    const std::string keyword = core::ascii_lower(words[0]);
    if (keyword == "today") return expect_alone(of_kind(command_kind::today), words);
    if (keyword == "yesterday") return expect_alone(of_kind(command_kind::yesterday), words);
    if (keyword == "help") return of_kind(command_kind::help);
    if (keyword == "unsubscribe") return expect_alone(of_kind(command_kind::unsubscribe), words);
    if (keyword == "subscribe") return parse_subscribe({words.begin() + 1, words.end()});
    if (keyword == "settings") return parse_settings({words.begin() + 1, words.end()});
    if (keyword == "paper") {
        if (words.size() < 2) return usage("paper needs an arXiv id, e.g. paper 2602.10693");
        if (words.size() > 2) return usage("paper takes one arXiv id, but got " + quote(words[2]) + " after it");
        auto id = core::parse_arxiv_id(words[1]);
        if (!id) return usage(quote(words[1]) + " is not an arXiv id or arxiv.org URL");
        command c = of_kind(command_kind::paper);
        c.arxiv_id = id->id;
        return c;
    }
    if (auto day = core::parse_ymd(words[0])) {
        command c = of_kind(command_kind::date);
        c.date = *day;
        return expect_alone(std::move(c), words);
    }
    if (looks_like_date(words[0])) return usage(quote(words[0]) + " is not a valid date (YYYY-MM-DD)");
    if (auto id = core::parse_arxiv_id(words[0])) {
        command c = of_kind(command_kind::paper);
        c.arxiv_id = id->id;
        return expect_alone(std::move(c), words);
    }
    return usage("unknown command " + quote(words[0]));
}

}  // namespace paperboy::bot
