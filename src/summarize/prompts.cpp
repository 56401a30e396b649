#include "paperboy/summarize/prompts.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "paperboy/config/config.hpp"
#include "paperboy/core/text.hpp"

namespace paperboy::summarize {
namespace {

std::string_view trim(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

// Tags are case-insensitive and people write pt_BR as often as pt-BR.
std::string normalise_tag(std::string_view tag) {
    std::string out = core::ascii_lower(trim(tag));
    std::replace(out.begin(), out.end(), '_', '-');
    return out;
}

// One pass, so text inserted for a placeholder is never scanned for placeholders again.
std::string substitute(std::string_view tmpl, const std::map<std::string_view, std::string_view>& values) {
    std::string out;
    out.reserve(tmpl.size());
    for (std::size_t i = 0; i < tmpl.size();) {
        if (tmpl[i] == '{') {
            const auto close = tmpl.find('}', i);
            if (close != std::string_view::npos) {
                auto it = values.find(tmpl.substr(i + 1, close - i - 1));
                if (it != values.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += tmpl[i++];
    }
    return out;
}

std::string author_list(const std::vector<core::author>& authors) {
    constexpr std::size_t shown = 10;  // enough for context; long consortium lists only cost tokens
    if (authors.empty()) return "(not listed)";
    std::string out;
    for (std::size_t i = 0; i < authors.size() && i < shown; ++i) out += (i ? ", " : "") + authors[i].name;
    if (authors.size() > shown) out += ", et al.";
    return out;
}

prompt_template make_template(std::string system, std::string user) {
    prompt_template t{std::move(system), std::move(user), {}};
    t.version = fnv1a_hex(t.system + "\n[user]\n" + t.user);
    return t;
}

std::string read_whole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw config::config_error("prompts: cannot read " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::string fnv1a_hex(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = digits[h & 0xF];
    return out;
}

std::string language_name(const std::string& language) {
    static const std::map<std::string, std::string, std::less<>> names{
        {"ar", "العربية"}, {"de", "Deutsch"}, {"en", "English"},   {"es", "español"},    {"fr", "français"},
        {"hi", "हिन्दी"},   {"id", "Bahasa Indonesia"},             {"it", "italiano"},   {"ja", "日本語"},
        {"ko", "한국어"},  {"nl", "Nederlands"},  {"pl", "polski"}, {"pt", "português"},  {"ru", "русский"},
        {"th", "ไทย"},     {"tr", "Türkçe"},      {"uk", "українська"}, {"vi", "Tiếng Việt"}, {"zh", "中文"},
        {"zh-hans", "简体中文"}, {"zh-cn", "简体中文"}, {"zh-hant", "繁體中文"}, {"zh-tw", "繁體中文"},
    };
    const std::string tag = normalise_tag(language);
    if (auto it = names.find(tag); it != names.end()) return it->second;
    if (auto it = names.find(std::string_view(tag).substr(0, tag.find('-'))); it != names.end()) return it->second;
    return language;
}

result<prompt_template> parse_prompt_template(std::string_view text) {
    enum { preamble, system, user } section = preamble;
    std::string parts[2];
    bool seen_system = false, seen_user = false;
    std::istringstream in{std::string(text)};
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto bare = trim(line);
        if (bare == "[system]" && section == preamble) {
            section = system;
            seen_system = true;
        } else if (bare == "[user]" && section == system) {
            section = user;
            seen_user = true;
        } else if (bare == "[system]" || bare == "[user]") {
            return error{"line " + std::to_string(number) + ": " + std::string(bare) + " out of order (expected [system] then [user])"};
        } else if (section == preamble) {
            if (!bare.empty() && bare.front() != '#')
                return error{"line " + std::to_string(number) + ": text before [system] (comments start with #)"};
        } else {
            parts[section == system ? 0 : 1] += line + "\n";
        }
    }
    if (!seen_system) return error{"no [system] section"};
    if (!seen_user) return error{"no [user] section"};
    auto sys = std::string(trim(parts[0]));
    auto usr = std::string(trim(parts[1]));
    if (sys.empty()) return error{"empty [system] section"};
    if (usr.find("{abstract}") == std::string::npos) return error{"[user] has no {abstract} placeholder"};
    return make_template(std::move(sys), std::move(usr));
}

prompt_library::prompt_library() {
    for (const auto& [lang, text] : builtin_prompt_files()) {
        auto t = parse_prompt_template(text);
        // A broken built-in is a build defect that the unit tests catch; fail loudly if it slips through.
        if (!t) throw std::logic_error("built-in prompt " + lang + ".txt: " + t.err().message);
        templates_[normalise_tag(lang)] = std::move(*t);
    }
    if (!templates_.count("en")) throw std::logic_error("built-in prompt en.txt is missing");
}

prompt_library::prompt_library(const std::filesystem::path& override_dir) : prompt_library() {
    std::error_code ec;
    if (!std::filesystem::is_directory(override_dir, ec))
        throw config::config_error("prompts: " + override_dir.string() + " is not a directory");
    for (const auto& entry : std::filesystem::directory_iterator(override_dir, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
        auto t = parse_prompt_template(read_whole(entry.path()));
        if (!t) throw config::config_error("prompts: " + entry.path().string() + ": " + t.err().message);
        templates_[normalise_tag(entry.path().stem().string())] = std::move(*t);
    }
    if (ec) throw config::config_error("prompts: cannot list " + override_dir.string() + ": " + ec.message());
}

prompt_template prompt_library::template_for(const std::string& language) const {
    const std::string tag = normalise_tag(language);
    if (auto it = templates_.find(tag); it != templates_.end()) return it->second;
    if (auto it = templates_.find(tag.substr(0, tag.find('-'))); it != templates_.end()) return it->second;
    const auto& en = templates_.at("en");
    // The tag is named besides the language's name: the model may not know a rare name.
    return make_template(en.system + "\n\nWrite the whole summary in {language} (language tag \"" + tag +
                             "\"), even though these instructions and the abstract are in English.",
                         en.user);
}

prompt prompt_library::render(const core::paper& p, const std::string& language) const {
    const auto t = template_for(language);
    const std::string authors = author_list(p.authors), name = language_name(language);
    const std::map<std::string_view, std::string_view> values{
        {"title", p.title}, {"authors", authors}, {"abstract", p.abstract}, {"language", name}};
    return prompt{substitute(t.system, values), substitute(t.user, values), t.version};
}

std::vector<std::string> prompt_library::languages() const {
    std::vector<std::string> out;
    for (const auto& [lang, t] : templates_) out.push_back(lang);
    return out;
}

}  // namespace paperboy::summarize
