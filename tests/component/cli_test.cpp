// The real `paperboy` binary, run as a user would: help, exit codes, bad configuration, migrate,
// harvest against fake peers, and serve with a graceful SIGTERM.
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
#include <sstream>
#include <filesystem>
#include <sys/wait.h>
#include <thread>

#include "fake_peer.hpp"
#include "spawn.hpp"


using namespace std::chrono_literals;
using paperboy::test::fake_peer;
using paperboy::test::read_file;
using paperboy::test::scripted_reply;

namespace {

const std::string fixtures = PAPERBOY_SHARED_FIXTURES;

struct run_result {
    int status;
    std::string out, err;
};

struct cli_fixture {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("paperboy-cli-" + std::to_string(::getpid()));
    cli_fixture() { std::filesystem::create_directories(dir); }
    ~cli_fixture() { std::filesystem::remove_all(dir); }

    // Runs the binary with extra environment and returns its exit status and output.
    run_result run(const std::string& args, const std::vector<std::string>& env = {}) {
        std::string command = "env -u PAPERBOY_CONFIG PAPERBOY_DATABASE=sqlite:" + (dir / "cli.db").string();
        for (const auto& e : env) command += " '" + e + "'";
        command += " " PAPERBOY_BINARY " " + args + " >" + (dir / "out").string() + " 2>" + (dir / "err").string();
        const int raw = std::system(command.c_str());
        return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file((dir / "out").string()), read_file((dir / "err").string())};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli, cli_fixture)

BOOST_AUTO_TEST_CASE(help_and_version) {
    auto help = run("--help");
    BOOST_TEST(help.status == 0);
    for (const char* command : {"serve", "migrate", "harvest", "subscriptions", "discord"})
        BOOST_TEST(help.out.find(command) != std::string::npos);
    auto harvest_help = run("harvest --help");
    BOOST_TEST(harvest_help.status == 0);
    BOOST_TEST(harvest_help.out.find("--date") != std::string::npos);
    BOOST_TEST(run("--version").out.starts_with("paperboy "));
    BOOST_TEST(run("").status == 2);
    BOOST_TEST(run("frobnicate").status == 2);
    BOOST_TEST(run("serve --no-such-option").status == 2);
}

BOOST_AUTO_TEST_CASE(bad_configuration_exits_2_naming_the_key) {
    std::ofstream(dir / "bad.json") << R"({"server":{"io_thread":4}})";
    auto r = run("serve --config " + (dir / "bad.json").string());
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.err.find("server.io_thread: unknown key") != std::string::npos);
    auto env = run("migrate", {"PAPERBOY_LOG_FORMAT=yaml"});
    BOOST_TEST(env.status == 2);
    BOOST_TEST(env.err.find("log.format") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_malformed_discord_public_key_is_a_configuration_error) {
    auto r = run("migrate", {"DISCORD_PUBLIC_KEY=not-a-key"});
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.err.find("DISCORD_PUBLIC_KEY") != std::string::npos);
    BOOST_TEST(r.err.find("not-a-key") == std::string::npos);  // secrets are never printed
}

BOOST_AUTO_TEST_CASE(discord_register_commands_overwrites_the_command_and_reports_discords_errors) {
    fake_peer discord;
    discord.set_handler([](const paperboy::test::recorded_request& r) {
        auto commands = nlohmann::json::parse(r.body, nullptr, false);
        for (auto& c : commands) c["id"] = "1400000000000000001";
        return scripted_reply{200, commands.dump()};
    });
    const std::vector<std::string> env{"PAPERBOY_DISCORD_URL=" + discord.base_url(), "DISCORD_BOT_TOKEN=bot-secret",
                                       "DISCORD_APPLICATION_ID=1380486651436073092"};
    auto ok = run("discord register-commands --guild 700000000000000001", env);
    BOOST_TEST(ok.status == 0);
    BOOST_TEST(ok.out.find("/papers (id 1400000000000000001): today yesterday date paper subscribe unsubscribe "
                           "settings help") != std::string::npos);
    BOOST_REQUIRE_EQUAL(discord.request_count(), 1u);
    const auto req = discord.requests().front();
    BOOST_TEST(req.method == "PUT");
    BOOST_TEST(req.target == "/applications/1380486651436073092/guilds/700000000000000001/commands");
    BOOST_TEST(std::string(req.header("Authorization").value_or("")) == "Bot bot-secret");
    BOOST_TEST(ok.out.find("bot-secret") == std::string::npos);

    discord.push({400, R"({"code":50035,"message":"Invalid Form Body","errors":{"0":{"name":{"_errors":[{"code":"STRING_TYPE_REGEX","message":"String value did not match validation regex."}]}}}})"});
    auto refused = run("discord register-commands", env);
    BOOST_TEST(refused.status == 1);
    BOOST_TEST(refused.err.find("50035 Invalid Form Body (0.name: String value did not match validation regex.)") !=
               std::string::npos);
    BOOST_TEST(discord.requests().back().target == "/applications/1380486651436073092/commands");
    BOOST_TEST(run("discord register-commands").status == 2);  // no token, no application id
    BOOST_TEST(run("discord frobnicate", env).status == 2);
}

BOOST_AUTO_TEST_CASE(subscriptions_are_added_listed_and_removed) {
    BOOST_TEST(run("subscriptions").out.find("no subscriptions") != std::string::npos);
    auto added = run("subscriptions add --channel C0CLI --time 07:30 --time-zone Asia/Tokyo --weekdays daily");
    BOOST_TEST(added.status == 0, added.err);
    BOOST_TEST(added.out.find("07:30 Asia/Tokyo (daily)") != std::string::npos, added.out);
    auto listed = run("subscriptions list");
    BOOST_TEST(listed.status == 0);
    BOOST_TEST(listed.out.find("C0CLI") != std::string::npos, listed.out);
    // Its next run in its own zone and in UTC.
    BOOST_TEST(listed.out.find("07:30 JST (") != std::string::npos, listed.out);
    BOOST_TEST(listed.out.find("22:30 UTC)") != std::string::npos, listed.out);
    auto typo = run("subscriptions add --channel C0CLI --time-zone Asia/Tokio");
    BOOST_TEST(typo.status == 2);
    BOOST_TEST(typo.err.find("did you mean Asia/Tokyo") != std::string::npos, typo.err);
    BOOST_TEST(run("subscriptions add --time 07:30").status == 2);  // no channel
    BOOST_TEST(run("subscriptions frobnicate").status == 2);
    BOOST_TEST(run("subscriptions remove --channel C0CLI").status == 0);
    auto again = run("subscriptions remove --channel C0CLI");
    BOOST_TEST(again.status == 1);
    BOOST_TEST(again.err.find("no subscription") != std::string::npos);
    BOOST_TEST(run("subscriptions").out.find("no subscriptions") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(migrate_creates_the_schema_once) {
    auto first = run("migrate");
    BOOST_TEST(first.status == 0);
    BOOST_TEST(first.out.starts_with("database sqlite: schema version "));
    BOOST_TEST(first.out.find(" 0 migrations applied") == std::string::npos);
    auto second = run("migrate");
    BOOST_TEST(second.out.find("0 migrations applied") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(harvest_prints_ranked_json_lines) {
    fake_peer arxiv, hf, s2;
    arxiv.set_handler([](const auto&) {
        return scripted_reply{200, read_file(fixtures + "/arxiv/api_id_list_no_match_2026-04-12.xml"), "application/atom+xml"};
    });
    hf.set_handler([](const paperboy::test::recorded_request& r) {
        if (r.target.find("date=2026-06-12&p=0") == std::string::npos) return scripted_reply{200, "[]"};
        return scripted_reply{200, read_file(fixtures + "/hf_daily_papers/daily_papers_30items_2026-06-12.json")};
    });
    s2.set_handler([](const auto&) { return scripted_reply{500, "{}"}; });  // down: the others still deliver
    const std::vector<std::string> env = {"PAPERBOY_ARXIV_URL=" + arxiv.base_url(), "PAPERBOY_HF_URL=" + hf.base_url(),
                                          "PAPERBOY_S2_URL=" + s2.base_url(), "PAPERBOY_LOG_LEVEL=error"};
    std::ofstream(dir / "fast.json") << R"({"http_client":{"backoff_base_ms":1,"backoff_max_ms":5},
        "upstreams":{"arxiv":{"min_interval_ms":0},"semantic_scholar":{"min_interval_ms":0,"max_retries":1}}})";
    auto r = run("harvest --date 2026-06-13 --config " + (dir / "fast.json").string(), env);
    BOOST_TEST(r.status == 0, r.err);
    std::istringstream lines(r.out);
    int count = 0;
    bool minimax = false;
    for (std::string line; std::getline(lines, line);) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        BOOST_REQUIRE(!j.is_discarded());
        BOOST_TEST(j["rank"].get<int>() == ++count);
        if (j["arxiv_id"] == "2606.13392") {
            minimax = true;
            BOOST_TEST(j["signals"]["hf_upvotes"].get<int>() == 103);
        }
    }
    BOOST_TEST(count > 5);
    BOOST_TEST(minimax);
    BOOST_TEST(r.err.find("warning: semantic_scholar: HTTP 500") != std::string::npos);
    BOOST_TEST(r.err.find("30 papers harvested") != std::string::npos);
    BOOST_TEST(run("harvest --date 2026-13-45").status == 2);
    BOOST_TEST(run("harvest --profile nope").status == 2);
}

BOOST_AUTO_TEST_CASE(serve_answers_and_stops_cleanly_on_sigterm) {
    unsigned short port;  // borrow a free port: bind, note it, release it
    {
        fake_peer tmp;
        port = tmp.port();
    }
    const std::string err_path = (dir / "serve.err").string();
    const pid_t pid = paperboy::test::spawn_with_env(
        PAPERBOY_BINARY, {"serve"},
        {"PAPERBOY_LISTEN=127.0.0.1:" + std::to_string(port), "PAPERBOY_DATABASE=sqlite:" + (dir / "serve.db").string(),
         "SLACK_SIGNING_SECRET=do-not-log-this-secret", "PAPERBOY_LOG_FORMAT=json"},
        err_path);
    BOOST_REQUIRE(pid > 0);

    auto get = [&](const std::string& path) {
        return std::system(("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:" + std::to_string(port) + path +
                            " > " + (dir / "code").string())
                               .c_str()) == 0
                   ? read_file((dir / "code").string())
                   : std::string("curl failed");
    };
    std::string code;
    for (int i = 0; i < 100 && code != "200"; ++i) {
        std::this_thread::sleep_for(50ms);
        code = get("/healthz");
    }
    BOOST_TEST(code == "200");
    BOOST_TEST(get("/readyz") == "200");
    BOOST_TEST(get("/nope") == "404");

    // Readiness follows the database: a schema behind this build is "not ready" (503).
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open((dir / "serve.db").string().c_str(), &db) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_exec(db, "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)",
                               nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    BOOST_TEST(get("/readyz") == "503");
    BOOST_TEST(get("/healthz") == "200");

    // A second server on the same port fails at run time: exit 1.
    auto clash = run("serve", {"PAPERBOY_LISTEN=127.0.0.1:" + std::to_string(port)});
    BOOST_TEST(clash.status == 1);
    BOOST_TEST(clash.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)) != std::string::npos);

    const auto stop_at = std::chrono::steady_clock::now();
    ::kill(pid, SIGTERM);
    int status = 0;
    BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
    BOOST_TEST((std::chrono::steady_clock::now() - stop_at < 3s));
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    const auto log = read_file(err_path);
    BOOST_TEST(log.find("GET /healthz 200") != std::string::npos);
    BOOST_TEST(log.find("do-not-log-this-secret") == std::string::npos);
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {  // PAPERBOY_LOG_FORMAT=json: one object a line
        auto j = nlohmann::json::parse(line, nullptr, false);
        BOOST_TEST_INFO(line);
        BOOST_TEST((j.is_object() && j.contains("ts") && j.contains("level") && j.contains("msg")));
    }
}

BOOST_AUTO_TEST_CASE(with_no_chat_at_all_the_archive_page_says_when_the_next_digest_is_due) {
    unsigned short port;
    {
        fake_peer tmp;
        port = tmp.port();
    }
    const pid_t pid = paperboy::test::spawn_with_env(
        PAPERBOY_BINARY, {"serve"},
        {"PAPERBOY_LISTEN=127.0.0.1:" + std::to_string(port), "PAPERBOY_DATABASE=sqlite:" + (dir / "archive.db").string()},
        (dir / "archive.err").string());
    BOOST_REQUIRE(pid > 0);
    const std::string page = (dir / "index.html").string();
    auto fetch = [&] {
        return std::system(("curl -sf http://127.0.0.1:" + std::to_string(port) + "/ > " + page).c_str()) == 0;
    };
    bool fetched = false;
    for (int i = 0; i < 100 && !fetched; ++i) {
        std::this_thread::sleep_for(50ms);
        fetched = fetch() && read_file(page).find("Next digest:") != std::string::npos;
    }
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    BOOST_REQUIRE(fetched);
    const auto html = read_file(page);
    BOOST_TEST(html.find("08:00 UTC") != std::string::npos, html);  // archive.time in time_zone
    BOOST_TEST(html.find("SLACK_SIGNING_SECRET") != std::string::npos);
    BOOST_TEST(html.find("DISCORD_PUBLIC_KEY") != std::string::npos);
    auto listed = run("subscriptions list", {"PAPERBOY_DATABASE=sqlite:" + (dir / "archive.db").string()});
    BOOST_TEST(listed.out.find("archive") != std::string::npos, listed.out);
}

BOOST_AUTO_TEST_SUITE_END()
