// The real `paperboy` binary for digests: `digest --sample` in every format without touching the
// network, `digest --date` against fake sources (built once, then served from the database), and
// `serve` showing the stored digest in the web archive.
#include <nlohmann/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <thread>

#include "digest_fakes.hpp"
#include "spawn.hpp"


using namespace std::chrono_literals;
using paperboy::test::fake_peer;
using paperboy::test::read_file;
using paperboy::test::digest_support::fake_sources;

namespace {

struct run_result {
    int status;
    std::string out, err;
};

// A port that nothing listens on: bound by a fake, noted, released.
unsigned short closed_port() {
    fake_peer tmp;
    return tmp.port();
}

int numbered_papers(const std::string& markdown) {
    static const std::regex item(R"(^\d+\. \*\*\[)");
    std::istringstream lines(markdown);
    int n = 0;
    for (std::string line; std::getline(lines, line);)
        if (std::regex_search(line, item)) ++n;
    return n;
}

struct digest_cli_fixture {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("paperboy-digest-cli-" + std::to_string(::getpid()));
    digest_cli_fixture() { std::filesystem::create_directories(dir); }
    ~digest_cli_fixture() { std::filesystem::remove_all(dir); }

    std::string database() const { return "sqlite:" + (dir / "digest.db").string(); }

    // Runs the binary as a user would, without keys or proxies from the developer's environment.
    run_result run(const std::string& args, const std::vector<std::string>& env = {}) {
        std::string command =
            "env -u PAPERBOY_CONFIG -u ANTHROPIC_API_KEY -u OPENAI_API_KEY -u ANTHROPIC_API_KEY_FILE -u OPENAI_API_KEY_FILE"
            " -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy PAPERBOY_DATABASE=" +
            database();
        for (const auto& e : env) command += " '" + e + "'";
        command += " " PAPERBOY_BINARY " " + args + " >" + (dir / "out").string() + " 2>" + (dir / "err").string();
        const int raw = std::system(command.c_str());
        return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file((dir / "out").string()), read_file((dir / "err").string())};
    }

    // Every upstream pointed at a closed port: any network use would fail.
    static std::vector<std::string> offline_env() {
        const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
        return {"PAPERBOY_ARXIV_URL=" + url, "PAPERBOY_HF_URL=" + url, "PAPERBOY_S2_URL=" + url,
                "PAPERBOY_ANTHROPIC_URL=" + url, "PAPERBOY_OPENAI_URL=" + url, "PAPERBOY_LOG_LEVEL=error"};
    }

    // GET over loopback with curl: status code and body.
    std::pair<std::string, std::string> get(unsigned short port, const std::string& path) {
        const auto body = (dir / "body").string(), code = (dir / "code").string();
        const std::string command = "curl -s -o " + body + " -w '%{http_code}' http://127.0.0.1:" + std::to_string(port) +
                                    path + " > " + code;
        if (std::system(command.c_str()) != 0) return {"curl failed", ""};
        return {read_file(code), read_file(body)};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(digest_cli, digest_cli_fixture)

BOOST_AUTO_TEST_CASE(the_sample_day_prints_offline_in_every_format) {
    const auto env = offline_env();
    auto md = run("digest --sample", env);
    BOOST_TEST(md.status == 0, md.err);
    BOOST_TEST(md.out.find("LLM Papers Survey (2026-06-13)") != std::string::npos, md.out);
    BOOST_TEST(numbered_papers(md.out) == 5, md.out);
    for (int i = 1; i <= 5; ++i) BOOST_TEST(md.out.find("\n" + std::to_string(i) + ". **[") != std::string::npos);
    BOOST_TEST(!std::filesystem::exists(dir / "digest.db"));  // the sample needs no database either

    auto json = run("digest --sample --format json", env);
    BOOST_TEST(json.status == 0, json.err);
    const auto j = nlohmann::json::parse(json.out, nullptr, false);
    BOOST_REQUIRE(!j.is_discarded());
    BOOST_TEST(j["date"] == "2026-06-13");
    BOOST_REQUIRE_EQUAL(j["entries"].size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        BOOST_TEST(j["entries"][i]["number"].get<int>() == static_cast<int>(i) + 1);
        BOOST_TEST(j["entries"][i]["summary"]["model"] == "extractive");
        BOOST_TEST(!j["entries"][i]["paper"]["abstract"].get<std::string>().empty());
    }

    auto slack = run("digest --sample --format slack", env);
    BOOST_TEST(slack.status == 0, slack.err);
    std::istringstream lines(slack.out);
    int messages = 0;
    for (std::string line; std::getline(lines, line);) {
        const auto m = nlohmann::json::parse(line, nullptr, false);
        BOOST_REQUIRE_MESSAGE(!m.is_discarded(), line);
        BOOST_TEST(m["blocks"].is_array());
        BOOST_TEST(m["text"].is_string());
        ++messages;
    }
    BOOST_TEST(messages >= 1);

    auto bogus = run("digest --sample --format bogus", env);
    BOOST_TEST(bogus.status == 2);
    BOOST_TEST(bogus.err.find("--format") != std::string::npos, bogus.err);
    BOOST_TEST(bogus.out.empty());
}

BOOST_AUTO_TEST_CASE(a_built_digest_is_reused_and_served_by_the_archive) {
    fake_sources sources;
    std::ofstream(dir / "fast.json") << R"({"http_client":{"backoff_base_ms":1,"backoff_max_ms":5},
        "upstreams":{"arxiv":{"min_interval_ms":0},"semantic_scholar":{"min_interval_ms":0}}})";
    const std::vector<std::string> env = {"PAPERBOY_ARXIV_URL=" + sources.arxiv.base_url(),
                                          "PAPERBOY_HF_URL=" + sources.hf.base_url(),
                                          "PAPERBOY_S2_URL=" + sources.s2.base_url(), "PAPERBOY_SUMMARIZER=extractive",
                                          "PAPERBOY_TIME_ZONE=UTC", "PAPERBOY_LOG_LEVEL=error"};
    const std::string args = "digest --date 2026-06-13 --config " + (dir / "fast.json").string();

    auto first = run(args, env);
    BOOST_TEST(first.status == 0, first.err);
    BOOST_TEST(first.out.find("LLM Papers Survey (2026-06-13)") != std::string::npos, first.out);
    BOOST_TEST(numbered_papers(first.out) == 5, first.out);
    BOOST_TEST(sources.hf_day_requests("2026-06-12") == 1u);
    const auto asked = sources.requests();
    BOOST_TEST(asked >= 3u);

    auto second = run(args, env);
    BOOST_TEST(second.status == 0, second.err);
    BOOST_TEST(second.out == first.out);
    BOOST_TEST(sources.requests() == asked);  // from the database: no source asked

    // The archive on the same database.
    const unsigned short port = closed_port();
    const std::string err_path = (dir / "serve.err").string();
    const pid_t pid = paperboy::test::spawn_with_env(PAPERBOY_BINARY, {"serve"},
                                           {"PAPERBOY_LISTEN=127.0.0.1:" + std::to_string(port),
                                            "PAPERBOY_DATABASE=" + database(), "PAPERBOY_TIME_ZONE=UTC"},
                                           err_path);
    BOOST_REQUIRE(pid > 0);
    struct stop_server {  // also when a requirement fails below
        pid_t pid;
        int status = -1;
        void now() {
            if (pid <= 0) return;
            ::kill(pid, SIGTERM);
            ::waitpid(pid, &status, 0);
            pid = 0;
        }
        ~stop_server() { now(); }
    } server{pid};

    std::string health;
    for (int i = 0; i < 100 && health != "200"; ++i) {
        std::this_thread::sleep_for(50ms);
        health = get(port, "/healthz").first;
    }
    BOOST_REQUIRE_EQUAL(health, "200");

    auto html = get(port, "/digests/2026-06-13");
    BOOST_TEST(html.first == "200");
    BOOST_TEST(html.second.find("<html") != std::string::npos);
    BOOST_TEST(html.second.find("LLM Papers Survey (2026-06-13)") != std::string::npos);

    auto md = get(port, "/digests/2026-06-13.md");
    BOOST_TEST(md.first == "200");
    BOOST_TEST(md.second == first.out);  // the same rendering as the command printed
    BOOST_TEST(numbered_papers(md.second) == 5);

    auto json = get(port, "/digests/2026-06-13.json");
    BOOST_TEST(json.first == "200");
    const auto j = nlohmann::json::parse(json.second, nullptr, false);
    BOOST_REQUIRE(!j.is_discarded());
    BOOST_TEST(j["date"] == "2026-06-13");
    BOOST_TEST(j["entries"].size() == 5u);

    BOOST_TEST(get(port, "/digests/2026-01-01").first == "404");
    BOOST_TEST(get(port, "/digests/2026-01-01.json").first == "404");

    auto index = get(port, "/");
    BOOST_TEST(index.first == "200");
    BOOST_TEST(index.second.find("2026-06-13") != std::string::npos);

    auto feed = get(port, "/feed.atom");
    BOOST_TEST(feed.first == "200");
    BOOST_TEST(feed.second.find("<feed") != std::string::npos);
    BOOST_TEST(feed.second.find("2026-06-13") != std::string::npos);
    BOOST_TEST(sources.requests() == asked);  // serving never harvests

    server.now();
    BOOST_TEST(WIFEXITED(server.status));
    BOOST_TEST(WEXITSTATUS(server.status) == 0);
    const auto log = read_file(err_path);
    BOOST_TEST(log.find("GET /digests/2026-06-13.json 200") != std::string::npos, log);
}

BOOST_AUTO_TEST_SUITE_END()
