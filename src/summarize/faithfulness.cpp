#include "paperboy/summarize/faithfulness.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "paperboy/core/text.hpp"

namespace paperboy::summarize {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }

// Full-width digits and signs (Japanese text) become ASCII, so "１８．６％" reads as "18.6%".
std::string halfwidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            const auto c = static_cast<unsigned char>(s[i + 2]);
            char ascii = 0;
            if (c >= 0x90 && c <= 0x99) ascii = static_cast<char>('0' + (c - 0x90));
            else if (c == 0x85) ascii = '%';
            else if (c == 0x8C) ascii = ',';
            else if (c == 0x8E) ascii = '.';
            if (ascii) {
                out += ascii;
                i += 3;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

struct unit {
    std::string_view spelling;
    int exponent;  // magnitude: 3 for thousand
    bool countable;  // may still be a small count ("2x", "3rd")
};

// Letters right after the digits that make a unit rather than a name ("8B" vs "3D").
constexpr std::array<unit, 24> letter_units{{
    {"x", 0, true}, {"X", 0, true}, {"st", 0, true}, {"nd", 0, true}, {"rd", 0, true}, {"th", 0, true},
    {"k", 3, false}, {"K", 3, false}, {"M", 6, false}, {"B", 9, false}, {"bn", 9, false}, {"T", 12, false},
    {"ms", 0, false}, {"s", 0, false}, {"h", 0, false}, {"min", 0, false}, {"KB", 0, false}, {"MB", 0, false},
    {"GB", 0, false}, {"TB", 0, false}, {"Hz", 0, false}, {"GHz", 0, false}, {"fps", 0, false}, {"px", 0, false},
}};

// Units that follow without a letter run: a space and a word, or CJK and symbols.
constexpr std::array<unit, 10> other_units{{
    {" thousand", 3, false}, {" million", 6, false}, {" billion", 9, false}, {" trillion", 12, false},
    {"\u00D7", 0, true},  // ×
    {"\u5343", 3, false}, {"\u4E07", 4, false}, {"\u5104", 8, false}, {"\u5146", 12, false},  // 千 万 億 兆
    {"\u500D", 0, true},  // 倍
}};

std::string strip_leading_zeros(std::string s) {
    const auto nz = s.find_first_not_of('0');
    return nz == std::string::npos ? "0" : s.substr(nz);
}

std::string make_value(const std::string& int_digits, std::string frac) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return strip_leading_zeros(int_digits) + (frac.empty() ? "" : "." + frac);
}

// Moves the decimal point `exponent` places right: ("3", "5", 9) → "3500000000".
std::string expand(const std::string& int_digits, const std::string& frac, int exponent) {
    std::string digits = int_digits + frac;
    std::size_t point = int_digits.size() + static_cast<std::size_t>(exponent);
    if (digits.size() < point) digits.append(point - digits.size(), '0');
    return make_value(digits.substr(0, point), digits.substr(point));
}

const std::map<int, std::vector<std::string_view>>& number_words() {
    static const std::map<int, std::vector<std::string_view>> words{
        {0, {"zero", "none"}}, {1, {"one", "first", "single", "once"}},
        {2, {"two", "second", "twice", "double", "both", "pair"}}, {3, {"three", "third", "thrice", "triple"}},
        {4, {"four", "fourth", "quadruple"}}, {5, {"five", "fifth"}}, {6, {"six", "sixth"}},
        {7, {"seven", "seventh"}}, {8, {"eight", "eighth"}}, {9, {"nine", "ninth"}}, {10, {"ten", "tenth"}},
        {11, {"eleven", "eleventh"}}, {12, {"twelve", "twelfth", "dozen"}}, {13, {"thirteen"}}, {14, {"fourteen"}},
        {15, {"fifteen"}}, {16, {"sixteen"}}, {17, {"seventeen"}}, {18, {"eighteen"}}, {19, {"nineteen"}},
        {20, {"twenty", "twentieth"}}};
    return words;
}

constexpr std::array<std::string_view, 10> kanji_numerals{"\u4E00", "\u4E8C", "\u4E09", "\u56DB", "\u4E94",
                                                          "\u516D", "\u4E03", "\u516B", "\u4E5D", "\u5341"};

bool spelled_in(int n, const std::set<std::string, std::less<>>& words, std::string_view reference) {
    auto it = number_words().find(n);
    if (it != number_words().end())
        for (auto w : it->second)
            if (words.count(w)) return true;
    return n >= 1 && n <= 10 && reference.find(kanji_numerals[static_cast<std::size_t>(n - 1)]) != std::string_view::npos;
}

}  // namespace

std::vector<number_token> scan_numbers(std::string_view original) {
    const std::string t = halfwidth(original);
    const std::size_t n = t.size();
    std::vector<number_token> out;
    std::size_t prev_name_end = std::string::npos;  // where the last name-part token's run ended
    for (std::size_t i = 0; i < n;) {
        if (!is_digit(t[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        std::string int_digits, frac;
        while (i < n && is_digit(t[i])) int_digits += t[i++];
        // Thousands separators: groups of exactly three digits after a leading group of one to three.
        if (int_digits.size() <= 3)
            while (i + 3 < n && t[i] == ',' && is_digit(t[i + 1]) && is_digit(t[i + 2]) && is_digit(t[i + 3]) &&
                   (i + 4 >= n || !is_digit(t[i + 4]))) {
                int_digits += t.substr(i + 1, 3);
                i += 4;
            }
        if (i + 1 < n && t[i] == '.' && is_digit(t[i + 1])) {
            ++i;
            while (i < n && is_digit(t[i])) frac += t[i++];
        }

        number_token tok;
        if (start > 0) {
            const char before = t[start - 1];
            const char before2 = start > 1 ? t[start - 2] : ' ';
            tok.name_part = is_letter(before) || before == '_' || before == '.' ||
                            ((before == '-' || before == '@' || before == '/') && is_letter(before2)) ||
                            (before == '-' && start - 1 == prev_name_end);
        }
        int exponent = 0;
        bool countable = true;
        std::size_t end = i;
        if (end < n && t[end] == '%') {
            end += 1;
            countable = false;
        } else if (end + 1 < n && t[end] == ' ' && t[end + 1] == '%') {
            end += 2;
            countable = false;
        } else if (end < n && is_letter(t[end])) {
            std::size_t run = end;
            while (run < n && is_letter(t[run])) ++run;
            const auto letters = std::string_view(t).substr(end, run - end);
            auto u = std::find_if(letter_units.begin(), letter_units.end(), [&](const unit& x) { return x.spelling == letters; });
            if (u != letter_units.end() && (run == n || !is_alnum(t[run]))) {
                exponent = u->exponent;
                countable = u->countable;
                end = run;
            } else {
                tok.name_part = true;  // "3D", "4o", "8x7B": a name, not a quantity
                while (run < n && (is_alnum(t[run]) || t[run] == '_')) ++run;
                end = run;
            }
        } else {
            for (const auto& u : other_units) {
                if (t.compare(end, u.spelling.size(), u.spelling) != 0) continue;
                const std::size_t after = end + u.spelling.size();
                if (u.spelling.front() == ' ' && after < n && is_letter(t[after])) continue;  // " millions" ok, " billionaire" no
                exponent = u.exponent;
                countable = u.countable;
                end = after;
                break;
            }
        }
        if (tok.name_part) {
            while (end < n && (is_alnum(t[end]) || t[end] == '_')) ++end;
            prev_name_end = end;
        }
        tok.text = t.substr(start, end - start);
        tok.value = make_value(int_digits, frac);
        tok.expanded = exponent ? expand(int_digits, frac, exponent) : tok.value;
        tok.small_count = countable && !exponent && frac.empty() && tok.value.size() <= 2 && std::stoi(tok.value) <= 20;
        out.push_back(std::move(tok));
        i = end;
    }
    return out;
}

std::vector<std::string> numbers_in(std::string_view text) {
    std::vector<std::string> out;
    for (auto& tok : scan_numbers(text))
        if (!tok.name_part && std::find(out.begin(), out.end(), tok.value) == out.end()) out.push_back(tok.value);
    return out;
}

std::vector<std::string> invented_numbers(std::string_view summary, std::string_view reference) {
    std::set<std::string, std::less<>> known;
    for (const auto& tok : scan_numbers(reference)) {  // names included: "Qwen3-8B" vouches for "8B"
        known.insert(tok.value);
        known.insert(tok.expanded);
    }
    std::set<std::string, std::less<>> words;
    const std::string lower = core::ascii_lower(reference);
    for (std::size_t i = 0; i < lower.size();) {
        if (!is_letter(lower[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < lower.size() && is_letter(lower[j])) ++j;
        words.insert(lower.substr(i, j - i));
        i = j;
    }
    std::vector<std::string> out;
    for (const auto& tok : scan_numbers(summary)) {
        if (tok.name_part || known.count(tok.value) || known.count(tok.expanded)) continue;
        if (tok.small_count && spelled_in(std::stoi(tok.value), words, reference)) continue;
        if (std::find(out.begin(), out.end(), tok.text) == out.end()) out.push_back(tok.text);
    }
    return out;
}

}  // namespace paperboy::summarize
