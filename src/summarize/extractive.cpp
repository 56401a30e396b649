#include "paperboy/summarize/extractive.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "paperboy/core/text.hpp"

namespace paperboy::summarize {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Japanese sentence ends and the closing brackets that stay with them (UTF-8).
constexpr std::array<std::string_view, 3> cjk_terminators{"\u3002", "\uFF01", "\uFF1F"};  // 。！？
constexpr std::array<std::string_view, 4> cjk_closers{"\u300D", "\u300F", "\uFF09", "\u3011"};  // 」』）】

std::size_t match_any(std::string_view text, std::size_t at, const auto& options) {
    for (auto o : options)
        if (text.substr(at, o.size()) == o) return o.size();
    return 0;
}

// Lower-cased words that end with a period without ending a sentence.
bool is_abbreviation(std::string_view word) {
    static constexpr std::array<std::string_view, 22> known{
        "e.g", "i.e", "al", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "sect", "approx",
        "resp", "no", "nos", "ref", "refs", "tab", "dr", "prof", "mr", "ms"};
    const std::string lower = core::ascii_lower(word);
    if (std::find(known.begin(), known.end(), lower) != known.end()) return true;
    if (word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]))) return true;  // an initial: "J. Smith"
    return lower.find('.') != std::string::npos && lower.size() <= 5;  // "u.s", "a.k.a"
}

// Does the '.', '!' or '?' at `at` (its closing quotes already skipped up to `after`) end a sentence?
bool ends_sentence(std::string_view text, std::size_t at, std::size_t after) {
    if (after < text.size() && !is_space(text[after])) return false;  // "18.6x", "github.com"
    std::size_t next = after;
    while (next < text.size() && is_space(text[next])) ++next;
    if (next == text.size()) return true;
    if (is_lower(text[next])) return false;  // "et al. show", "e.g. the"
    if (text[at] != '.') return true;
    std::size_t begin = at;
    while (begin > 0 && (is_alpha(text[begin - 1]) || text[begin - 1] == '.')) --begin;
    return !is_abbreviation(text.substr(begin, at - begin));
}

bool contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != std::string_view::npos; }

struct rating {
    double score = 0;
    bool contribution = false;  // what the authors did
    bool result = false;        // what came out of it
};

rating rate(std::string_view sentence, std::size_t index, std::size_t count) {
    const std::string lower = core::ascii_lower(sentence);
    rating r;
    double& s = r.score;
    if (index == 0) s += 1.0;                                                     // sets the problem
    s += 0.5 * (1.0 - static_cast<double>(index) / static_cast<double>(count));  // earlier is denser
    static constexpr std::array<std::string_view, 20> contribution{
        "we propose", "we introduce", "we present", "we develop", "we design", "this paper", "this work",
        "our method", "our approach", "our model", "our framework", "we show", "we find", "we demonstrate",
        "results show", "experiments show", "\u63D0\u6848", "\u672C\u7814\u7A76", "\u672C\u8AD6\u6587", "\u624B\u6CD5"};
    static constexpr std::array<std::string_view, 16> result{
        "outperform", "achiev", "improv", "surpass", "state-of-the-art", "state of the art", "speedup",
        "speed-up", "reduc", "exceed", "better than", "gain", "\u9054\u6210", "\u5411\u4E0A", "\u4E0A\u56DE", "\u524A\u6E1B"};
    r.contribution = std::any_of(contribution.begin(), contribution.end(), [&](auto cue) { return contains(lower, cue); });
    const bool result_words = std::any_of(result.begin(), result.end(), [&](auto cue) { return contains(lower, cue); });
    const bool digits =
        std::any_of(lower.begin(), lower.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    r.result = result_words || digits;
    s += (r.contribution ? 3 : 0) + (result_words ? 2 : 0) + (digits ? 1.5 : 0);
    if (contains(lower, "%") || contains(lower, "\uFF05")) s += 1;
    // Links and "code is available" lines carry nothing a reader needs in a summary.
    for (auto cue : {"http://", "https://", "github.com", "code is available", "code at", "available at", "code and data"})
        if (contains(lower, cue)) { s -= 5; break; }
    const bool mostly_ascii =
        std::count_if(sentence.begin(), sentence.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }) * 10 >
        static_cast<std::ptrdiff_t>(sentence.size()) * 7;
    const auto words = std::count(sentence.begin(), sentence.end(), ' ') + 1;
    if (mostly_ascii ? words < 6 : sentence.size() < 24) s -= 2;  // fragments
    if (mostly_ascii && words > 60) s -= 1;                       // run-ons are poor summaries
    return r;
}

bool ends_with_cjk(std::string_view s) {
    for (auto t : cjk_terminators)
        if (s.ends_with(t)) return true;
    for (auto t : cjk_closers)
        if (s.ends_with(t)) return true;
    return false;
}

}  // namespace

std::vector<std::string_view> split_sentences(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    const auto cut = [&](std::size_t end) {
        if (auto s = trim(text.substr(start, end - start)); !s.empty()) out.push_back(s);
        start = end;
    };
    for (std::size_t i = 0; i < text.size();) {
        if (auto n = match_any(text, i, cjk_terminators)) {
            std::size_t end = i + n;
            while (auto m = match_any(text, end, cjk_closers)) end += m;
            cut(end);
            i = end;
            continue;
        }
        const char c = text[i];
        if (c == '.' || c == '!' || c == '?') {
            std::size_t after = i + 1;
            while (after < text.size() && (text[after] == '.' || text[after] == '!' || text[after] == '?')) ++after;
            while (after < text.size() && (text[after] == '"' || text[after] == '\'' || text[after] == ')' || text[after] == ']'))
                ++after;
            if (ends_sentence(text, i, after)) cut(after);
            i = after;
            continue;
        }
        ++i;
    }
    cut(text.size());
    return out;
}

std::string extract_key_sentences(std::string_view abstract, std::size_t max_sentences) {
    const auto sentences = split_sentences(abstract);
    std::vector<rating> ratings;
    for (std::size_t i = 0; i < sentences.size(); ++i) ratings.push_back(rate(sentences[i], i, sentences.size()));
    // Greedy with a redundancy penalty, so three result sentences do not crowd out what the paper
    // proposes (and vice versa). Ties go to the earlier sentence.
    std::vector<std::size_t> order;
    std::vector<bool> taken(sentences.size(), false);
    int contributions = 0, results = 0;
    while (order.size() < std::min(max_sentences, sentences.size())) {
        std::size_t best = 0;
        double best_score = 0;
        bool found = false;
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            if (taken[i]) continue;
            const auto& r = ratings[i];
            const double s = r.score - 2.0 * ((r.contribution ? contributions : 0) + (r.result ? results : 0));
            if (found && s <= best_score) continue;
            best = i;
            best_score = s;
            found = true;
        }
        taken[best] = true;
        order.push_back(best);
        contributions += ratings[best].contribution;
        results += ratings[best].result;
    }
    std::sort(order.begin(), order.end());
    std::string out;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (k > 0 && !ends_with_cjk(sentences[order[k - 1]])) out += ' ';
        out += sentences[order[k]];
    }
    return out;
}

boost::asio::awaitable<result<llm_output>> extractive_summarizer::summarize(const core::paper& p, const std::string&) {
    llm_output out{extract_key_sentences(p.abstract, max_sentences_), "extractive", 0, 0};
    co_return out;
}

}  // namespace paperboy::summarize
