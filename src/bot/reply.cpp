#include "paperboy/bot/reply.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <vector>

#include "markup.hpp"
#include "paperboy/core/arxiv_id.hpp"
#include "paperboy/core/text.hpp"

namespace paperboy::bot {
namespace {

using detail::is_ascii_alnum;
using detail::is_ascii_digit;

// ---- arXiv ids ------------------------------------------------------------------------------

// Every id the message mentions, in order, version-less. Ids and URLs are ASCII, so words are
// also cut where non-ASCII text is glued to them ("2602.10693を要約して").
std::vector<std::string> ids_in(std::string_view plain) {
    std::vector<std::string> ids;
    for (std::string_view word : detail::split_words(plain)) {
        std::size_t i = 0;
        while (i < word.size()) {
            while (i < word.size() && static_cast<unsigned char>(word[i]) >= 0x80) ++i;
            std::size_t start = i;
            while (i < word.size() && static_cast<unsigned char>(word[i]) < 0x80) ++i;
            auto piece = detail::trim_punctuation(word.substr(start, i - start));
            if (piece.size() < 9) continue;  // shorter than any id ("0704.0001"); skips most words cheaply
            if (auto id = core::parse_arxiv_id(piece)) ids.push_back(id->id);
        }
    }
    return ids;
}

// ---- numbers --------------------------------------------------------------------------------

// Words after which a bare number names a paper: "no. 3", "paper 3", "summarize 2", "# 3".
bool is_number_keyword(std::string_view word) {
    static constexpr std::array<std::string_view, 16> keywords = {
        "#", "no", "nr", "n°", "number", "num", "paper", "item", "entry", "article", "summarize", "summarise",
        "summary", "explain", "about", "show"};
    std::string w = core::ascii_lower(detail::trim_punctuation(word));
    while (!w.empty() && (w.back() == '.' || w.back() == ':')) w.pop_back();
    return std::find(keywords.begin(), keywords.end(), w) != keywords.end();
}

// Japanese counters: "3番", "3番目", "3つ目", "3本目", "3件目", "3個目".
bool starts_with_counter(std::string_view after) {
    static constexpr std::array<std::string_view, 5> counters = {"番", "つ目", "本目", "件目", "個目"};
    return std::any_of(counters.begin(), counters.end(), [&](std::string_view c) { return after.starts_with(c); });
}

bool starts_with_ordinal_suffix(std::string_view after) {
    if (after.size() < 2) return false;
    std::string suffix = core::ascii_lower(after.substr(0, 2));
    if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return false;
    return after.size() == 2 || !is_ascii_alnum(after[2]);
}

bool only_opening_punctuation(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return std::string_view("([{\"'").find(c) != std::string_view::npos; });
}

// Numbers the message uses to name a paper (see resolve_reply); distinct values.
std::set<int> numbers_in(std::string_view plain) {
    std::set<int> found;
    const auto words = detail::split_words(plain);
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string_view w = words[i];
        std::size_t pos = 0;
        while (pos < w.size()) {
            if (!is_ascii_digit(w[pos])) {
                ++pos;
                continue;
            }
            const std::size_t s = pos;
            while (pos < w.size() && is_ascii_digit(w[pos])) ++pos;
            const std::string_view digits = w.substr(s, pos - s), before = w.substr(0, s), after = w.substr(pos);
            if (digits.size() > 3) continue;  // years, ids: no digest has a thousand papers

            const char b = before.empty() ? '\0' : before.back();
            const std::string lower_before = core::ascii_lower(before);
            bool marked = false;
            if (b == '#' || before.ends_with("第")) {
                marked = true;
            } else if ((lower_before.ends_with("no.") || lower_before.ends_with("nr.")) &&
                       (before.size() == 3 || !is_ascii_alnum(before[before.size() - 4]))) {
                marked = true;
            } else if (b != '\0' && (is_ascii_alnum(b) || std::string_view("._/:-+,=&%$@~").find(b) != std::string_view::npos)) {
                continue;  // part of something else: "v2", "2602.10693", "2026-02-23", "10:30"
            }
            if (!after.empty()) {
                const char a = after.front();
                if (starts_with_ordinal_suffix(after) || starts_with_counter(after)) {
                    marked = true;
                } else if ((a == '.' || a == ',') && after.size() > 1 && is_ascii_digit(after[1])) {
                    continue;  // "3.5", "1,000"
                } else if (is_ascii_alnum(a) || std::string_view(":-/_+%~").find(a) != std::string_view::npos) {
                    continue;  // "7B", "10:30", "2-3", "50%"
                }
            }
            if (!marked) {
                // A bare number needs context: a keyword before it, or a message of a few words
                // ("3", "3 please", "3を要約して"); in prose ("I read 3 of these") it names nothing.
                if (!only_opening_punctuation(before)) continue;
                const bool after_keyword = i > 0 && is_number_keyword(words[i - 1]);
                const bool short_message = words.size() <= 3;
                if (!after_keyword && !short_message) continue;
            }
            int value = 0;
            for (char c : digits) value = value * 10 + (c - '0');
            found.insert(value);
        }
    }
    return found;
}

// ---- title words ----------------------------------------------------------------------------

bool is_stop_word(std::string_view w) {
    static const std::set<std::string_view> stop = {
        // English function words
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
        "can", "could", "did", "do", "does", "for", "from", "get", "give", "had", "has", "have", "how",
        "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "of", "on", "one",
        "or", "our", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "to", "too", "up", "us", "very", "via", "was", "we", "were", "what", "when",
        "where", "which", "who", "why", "will", "with", "would", "yes", "you", "your",
        // what people add when asking
        "article", "cool", "explain", "great", "interesting", "like", "link", "look", "nice", "paper",
        "please", "pls", "read", "really", "show", "summarise", "summarize", "summary", "tell", "thank",
        "thanks", "think", "want",
        // URL debris
        "abs", "arxiv", "com", "http", "https", "org", "pdf", "www",
        // words most LLM paper titles share: they tell no title apart
        "approach", "based", "language", "large", "llm", "model", "new", "toward", "towards", "using"};
    return stop.contains(w);
}

// "models" → "model", "agents" → "agent"; leaves "class", "corpus", "analysis" alone.
std::string stem(std::string w) {
    if (w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
        w.pop_back();
    return w;
}

// Distinct significant words: ASCII letter/digit runs, lower-cased and stemmed, without stop
// words and pure numbers.
std::set<std::string> significant_words(std::string_view text) {
    std::set<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_ascii_alnum(text[i])) ++i;
        std::size_t start = i;
        while (i < text.size() && is_ascii_alnum(text[i])) ++i;
        if (i == start) continue;
        std::string w = core::ascii_lower(text.substr(start, i - start));
        if (w.size() < 2 || std::all_of(w.begin(), w.end(), is_ascii_digit) || is_stop_word(w)) continue;
        w = stem(std::move(w));
        if (is_stop_word(w)) continue;
        out.insert(std::move(w));
    }
    return out;
}

std::optional<int> by_title_words(std::string_view text, const core::digest& d) {
    const auto wanted = significant_words(text);
    if (wanted.empty()) return std::nullopt;
    int best = -1;
    std::size_t best_score = 0, runner_up = 0, best_title_size = 0;
    for (const auto& e : d.entries) {
        const auto title = significant_words(e.paper.title);
        const auto score = static_cast<std::size_t>(
            std::count_if(title.begin(), title.end(), [&](const std::string& w) { return wanted.contains(w); }));
        if (score > best_score) {
            runner_up = best_score;
            best_score = score;
            best = e.number;
            best_title_size = title.size();
        } else if (score > runner_up) {
            runner_up = score;
        }
    }
    if (best_score == 0 || best_score == runner_up) return std::nullopt;
    if (best_score < std::min<std::size_t>(2, best_title_size)) return std::nullopt;
    return best;
}

std::optional<int> entry_number(const core::digest& d, int number) {
    auto it = std::find_if(d.entries.begin(), d.entries.end(), [&](const auto& e) { return e.number == number; });
    if (it == d.entries.end()) return std::nullopt;
    return number;
}

}  // namespace

std::optional<int> resolve_reply(std::string_view message_text, const core::digest& d) {
    const std::string plain = detail::plain_text(message_text);

    if (auto ids = ids_in(plain); !ids.empty()) {
        std::set<int> named;
        for (const auto& id : ids) {
            auto it = std::find_if(d.entries.begin(), d.entries.end(),
                                   [&](const auto& e) { return e.paper.arxiv_id == id; });
            if (it == d.entries.end()) return std::nullopt;  // a paper outside the digest: mentioned_arxiv_id
            named.insert(it->number);
        }
        if (named.size() != 1) return std::nullopt;
        return *named.begin();
    }

    if (auto numbers = numbers_in(plain); !numbers.empty()) {
        if (numbers.size() != 1) return std::nullopt;
        return entry_number(d, *numbers.begin());
    }

    return by_title_words(detail::plain_text(message_text), d);
}

std::optional<std::string> mentioned_arxiv_id(std::string_view message_text) {
    auto ids = ids_in(detail::plain_text(message_text));
    if (ids.empty()) return std::nullopt;
    return ids.front();
}

}  // namespace paperboy::bot
