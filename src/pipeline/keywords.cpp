#include "paperboy/pipeline/keywords.hpp"

namespace paperboy::pipeline {
namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The last keyword word also matches its plural, so "LLM" finds "LLMs" and "agent" "agents".
bool last_word_matches(const std::string& word, const keyword& kw) {
    const std::string& want = kw.words.back();
    if (kw.prefix) return word.starts_with(want);
    if (word == want) return true;
    if (word.size() == want.size() + 1) return word.starts_with(want) && word.back() == 's';
    if (word.size() == want.size() + 2) return word.starts_with(want) && word.ends_with("es");
    return false;
}

}  // namespace

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (char c : text) {
        if (word_char(c)) {
            current.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else if (!current.empty()) {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

keyword compile_keyword(std::string_view text) {
    keyword kw;
    kw.text = std::string(text);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    kw.prefix = text.ends_with('*');
    kw.words = words_of(text);
    return kw;
}

bool matches(const std::vector<std::string>& words, const keyword& kw) {
    const std::size_t n = kw.words.size();
    if (n == 0 || words.size() < n) return false;
    for (std::size_t start = 0; start + n <= words.size(); ++start) {
        bool ok = true;
        for (std::size_t i = 0; ok && i + 1 < n; ++i) ok = words[start + i] == kw.words[i];
        if (ok && last_word_matches(words[start + n - 1], kw)) return true;
    }
    return false;
}

bool mentions(std::string_view text, std::string_view kw) { return matches(words_of(text), compile_keyword(kw)); }

}  // namespace paperboy::pipeline
