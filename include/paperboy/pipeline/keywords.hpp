#pragma once
// Word-boundary, case-insensitive keyword matching for the profile filter (profile.hpp states
// the keyword syntax). Text is split into lower-case ASCII letter/digit words; everything else,
// including '-' and UTF-8 sequences, separates words.
#include <string>
#include <string_view>
#include <vector>

namespace paperboy::pipeline {

// "Chain-of-Thought for LLMs" -> {"chain", "of", "thought", "for", "llms"}.
std::vector<std::string> words_of(std::string_view text);

// A keyword compiled once: its words, and whether the last one is a prefix ('*').
struct keyword {
    std::string text;  // as configured, for reporting
    std::vector<std::string> words;
    bool prefix = false;
};
keyword compile_keyword(std::string_view text);

// True when `kw` occurs in `words` as consecutive whole words.
bool matches(const std::vector<std::string>& words, const keyword& kw);

// Convenience for one-off checks and tests: matches(words_of(text), compile_keyword(kw)).
bool mentions(std::string_view text, std::string_view kw);

}  // namespace paperboy::pipeline
