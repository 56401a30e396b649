// Prompt templates: compiled in from config/prompts, overridable per language, English with an
// explicit instruction for languages without a template, versions that follow the text.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "fake_peer.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/summarize/prompts.hpp"

using namespace paperboy;
using namespace paperboy::summarize;
namespace fs = std::filesystem;

namespace {

core::paper sample_paper() {
    core::paper p;
    p.title = "MiniMax Sparse Attention";
    p.abstract = "MSA reduces attention compute by 28.4x. A {title} in the abstract stays as it is.";
    p.authors = {{"Ada Lovelace", {}}, {"Alan Turing", {}}};
    return p;
}

struct temp_dir {
    fs::path path = fs::temp_directory_path() / ("paperboy_prompts_" + std::to_string(::getpid()));
    temp_dir() { fs::create_directories(path); }
    ~temp_dir() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(prompts)

BOOST_AUTO_TEST_CASE(built_in_templates_are_the_files_in_config_prompts) {
    const auto& files = builtin_prompt_files();
    BOOST_REQUIRE(files.count("en") == 1u);
    BOOST_REQUIRE(files.count("ja") == 1u);
    for (const auto& [lang, text] : files) {
        BOOST_TEST(text == test::read_file(std::string(PAPERBOY_SOURCE_DIR) + "/config/prompts/" + lang + ".txt"));
        auto t = parse_prompt_template(text);
        BOOST_TEST_INFO(lang);
        BOOST_REQUIRE(t);
        for (const char* placeholder : {"{title}", "{authors}", "{abstract}", "{language}"})
            BOOST_TEST(t->user.find(placeholder) != std::string::npos, lang << " lacks " << placeholder);
    }
    BOOST_TEST((prompt_library().languages() == std::vector<std::string>{"en", "ja"}));
}

BOOST_AUTO_TEST_CASE(english_prompt_is_rendered_from_the_paper) {
    const auto pr = prompt_library().render(sample_paper(), "en");
    BOOST_TEST(pr.system.find("busy machine-learning researchers") != std::string::npos);
    BOOST_TEST(pr.system.find("3 to 5 sentences in English") != std::string::npos);
    BOOST_TEST(pr.system.find("no Markdown headings") != std::string::npos);
    BOOST_TEST(pr.system.find("Use only facts and numbers that appear in the abstract") != std::string::npos);
    BOOST_TEST(pr.user.find("Title: MiniMax Sparse Attention\nAuthors: Ada Lovelace, Alan Turing\n") == 0u);
    // Single-pass substitution: the abstract's own "{title}" is not replaced.
    BOOST_TEST(pr.user.find("<abstract>\n" + sample_paper().abstract + "\n</abstract>") != std::string::npos);
    BOOST_TEST(pr.version.size() == 16u);
    BOOST_TEST(pr.version == prompt_library().version("en"));
}

BOOST_AUTO_TEST_CASE(japanese_prompt_asks_for_japanese) {
    const prompt_library lib;
    const auto pr = lib.render(sample_paper(), "ja");
    BOOST_TEST(pr.system.find("日本語で 3〜5 文の要約") != std::string::npos);
    BOOST_TEST(pr.user.find("この論文を日本語で 3〜5 文に要約してください。") != std::string::npos);
    BOOST_TEST(pr.version != lib.version("en"));
    BOOST_TEST(lib.version("ja-JP") == lib.version("ja"));  // region falls back to the language
    BOOST_TEST(lib.version("JA") == lib.version("ja"));
}

BOOST_AUTO_TEST_CASE(a_language_without_template_uses_english_with_an_instruction) {
    const prompt_library lib;
    const auto pr = lib.render(sample_paper(), "de");
    BOOST_TEST(pr.system.starts_with(lib.render(sample_paper(), "en").system.substr(0, 60)));
    BOOST_TEST(pr.system.find("Write the whole summary in Deutsch (language tag \"de\")") != std::string::npos);
    BOOST_TEST(pr.user.find("Summarise this paper in Deutsch") != std::string::npos);
    BOOST_TEST(pr.version != lib.version("en"));
    BOOST_TEST(pr.version != lib.version("fr"));
    const auto rare = lib.render(sample_paper(), "sw");
    BOOST_TEST(rare.system.find("Write the whole summary in sw (language tag \"sw\")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(override_directory_replaces_a_language_and_adds_others) {
    temp_dir dir;
    dir.write("ja.txt", "# mine\n[system]\nBe brief in {language}.\n[user]\n{title}: {abstract}\n");
    dir.write("fr.txt", "[system]\r\nSoyez bref.\r\n[user]\r\n{abstract}\r\n");
    dir.write("notes.md", "not a template");
    const prompt_library lib(dir.path);
    const auto ja = lib.render(sample_paper(), "ja");
    BOOST_TEST(ja.system == "Be brief in 日本語.");
    BOOST_TEST(ja.user == "MiniMax Sparse Attention: " + sample_paper().abstract);
    BOOST_TEST(ja.version != prompt_library().version("ja"));  // cached summaries are not reused
    BOOST_TEST(lib.render(sample_paper(), "fr").system == "Soyez bref.");
    BOOST_TEST(lib.version("en") == prompt_library().version("en"));  // untouched languages keep built-ins
    BOOST_TEST((lib.languages() == std::vector<std::string>{"en", "fr", "ja"}));
}

BOOST_AUTO_TEST_CASE(bad_override_is_a_configuration_error_naming_the_file) {
    BOOST_CHECK_THROW(prompt_library("/nonexistent/paperboy/prompts"), config::config_error);
    temp_dir dir;
    dir.write("en.txt", "[system]\nHello\n");
    try {
        prompt_library lib(dir.path);
        BOOST_FAIL("expected config_error");
    } catch (const config::config_error& e) {
        BOOST_TEST(std::string(e.what()).find("en.txt: no [user] section") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(template_parse_errors) {
    const std::pair<std::string, std::string> cases[] = {
        {"hello\n[system]\nx\n[user]\n{abstract}", "line 1: text before [system] (comments start with #)"},
        {"[user]\n{abstract}\n[system]\nx", "line 1: [user] out of order (expected [system] then [user])"},
        {"[system]\nx\n[user]\nno placeholder", "[user] has no {abstract} placeholder"},
        {"[system]\n\n[user]\n{abstract}", "empty [system] section"},
        {"# only comments", "no [system] section"},
    };
    for (const auto& [text, message] : cases) {
        auto t = parse_prompt_template(text);
        BOOST_TEST_INFO(text);
        BOOST_REQUIRE(!t);
        BOOST_TEST(t.err().message == message);
    }
}

BOOST_AUTO_TEST_CASE(versions_are_stable_and_ignore_comments) {
    BOOST_TEST(fnv1a_hex("") == "cbf29ce484222325");
    BOOST_TEST(fnv1a_hex("a") == "af63dc4c8601ec8c");
    auto a = parse_prompt_template("# one\n[system]\nS\n[user]\n{abstract}\n");
    auto b = parse_prompt_template("# two\n\n[system]\nS\n\n[user]\n{abstract}");
    auto c = parse_prompt_template("[system]\nS.\n[user]\n{abstract}");
    BOOST_REQUIRE(a && b && c);
    BOOST_TEST(a->version == b->version);
    BOOST_TEST(a->version != c->version);
}

BOOST_AUTO_TEST_CASE(long_author_lists_are_cut) {
    core::paper p = sample_paper();
    p.authors.clear();
    for (int i = 1; i <= 12; ++i) p.authors.push_back({"A" + std::to_string(i), {}});
    const auto pr = prompt_library().render(p, "en");
    BOOST_TEST(pr.user.find("Authors: A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, et al.\n") != std::string::npos);
    p.authors.clear();
    BOOST_TEST(prompt_library().render(p, "en").user.find("Authors: (not listed)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
