#pragma once
// Prompt templates per language. The built-in ones are config/prompts/<lang>.txt, compiled into the
// binary at build time (the binary needs no files); an optional override directory replaces them
// per language. A language without a template uses English's with an explicit instruction to write
// in that language.
//
// File format (UTF-8):
//   # comment lines (only before [system])
//   [system]
//   ...system prompt...
//   [user]
//   ...user message template...
// Placeholders, replaced in both parts in a single pass (so an abstract that contains "{title}" is
// left alone): {title} {authors} {abstract} {language} (the language's own name, e.g. "日本語").
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/core/result.hpp"

namespace paperboy::summarize {

struct prompt {
    std::string system;
    std::string user;
    std::string version;  // hash of the template used (not of the paper): part of the summary cache key
};

struct prompt_template {
    std::string system;
    std::string user;
    std::string version;  // fnv1a_hex of system and user
};

// Parses one template file; errors name what is missing.
result<prompt_template> parse_prompt_template(std::string_view text);

// 16 lower-case hex digits of the 64-bit FNV-1a hash: short, stable across builds and platforms.
std::string fnv1a_hex(std::string_view text);

// The language's own name for known tags ("ja" → "日本語", "de" → "Deutsch"), else the tag itself.
std::string language_name(const std::string& language);

class prompt_library {
public:
    // Built-in templates only.
    prompt_library();
    // Built-ins, with every <lang>.txt in `override_dir` taking precedence. Reads the directory now
    // (start-up), never while summarizing. Throws config::config_error naming the file when the
    // directory is missing or a template is malformed: it is a configuration mistake.
    explicit prompt_library(const std::filesystem::path& override_dir);

    // The template used for `language`: exact tag ("pt-BR"), else its primary subtag ("pt"),
    // else English's plus "write the whole summary in <language>".
    prompt_template template_for(const std::string& language) const;
    std::string version(const std::string& language) const { return template_for(language).version; }

    // The prompt for one paper.
    prompt render(const core::paper& p, const std::string& language) const;

    // Languages with their own template, sorted.
    std::vector<std::string> languages() const;

private:
    std::map<std::string, prompt_template> templates_;
};

// The built-in template files, by language, exactly as in config/prompts/ (generated at build time).
const std::map<std::string, std::string>& builtin_prompt_files();

}  // namespace paperboy::summarize
