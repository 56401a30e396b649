#include "paperboy/config/config.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

namespace bdata = boost::unit_test::data;
using namespace paperboy::config;

namespace {

std::string error_of(const std::string& json, const environment& env = {}) {
    try {
        auto cfg = defaults();
        apply_json(cfg, json, "test.json");
        apply_environment(cfg, env);
        validate(cfg);
    } catch (const config_error& e) {
        return e.what();
    }
    return "";
}

config from(const std::string& json, const environment& env = {}) {
    auto cfg = defaults();
    apply_json(cfg, json, "test.json");
    apply_environment(cfg, env);
    validate(cfg);
    return cfg;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(configuration)

BOOST_AUTO_TEST_CASE(defaults_match_the_contract) {
    auto cfg = from("{}");
    BOOST_TEST(cfg.server.host == "127.0.0.1");
    BOOST_TEST(cfg.server.port == 8080);
    BOOST_TEST(cfg.database.url == "sqlite:var/paperboy.db");
    BOOST_TEST(cfg.summarizer.language == "en");
    BOOST_TEST(cfg.summarizer.kind == "extractive");
    BOOST_TEST(cfg.log.format == "text");
    BOOST_TEST(cfg.upstream("arxiv").base_url == "https://export.arxiv.org");
    BOOST_TEST(cfg.upstream("arxiv").min_interval.count() == 3000);
    BOOST_TEST(cfg.upstream("arxiv").max_connections == 1);
    BOOST_TEST(cfg.upstream("huggingface").base_url == "https://huggingface.co");
    BOOST_TEST(cfg.upstream("semantic_scholar").base_url == "https://api.semanticscholar.org");
    BOOST_TEST(cfg.upstream("anthropic").base_url == "https://api.anthropic.com");
    BOOST_TEST(cfg.upstream("openai").base_url == "https://api.openai.com/v1");
    BOOST_TEST(cfg.upstream("slack").base_url == "https://slack.com/api");
    BOOST_TEST(cfg.upstream("discord").base_url == "https://discord.com/api/v10");
    BOOST_TEST(cfg.slack.response_hosts == std::vector<std::string>{"hooks.slack.com"});
    BOOST_TEST(cfg.server.max_body_bytes == 1024u * 1024u);
    BOOST_TEST(cfg.server.max_header_bytes == 16u * 1024u);
    BOOST_TEST(cfg.server.request_timeout.count() == 10000);
}

BOOST_AUTO_TEST_CASE(file_values_are_applied) {
    auto cfg = from(R"({"server":{"listen":"0.0.0.0:9000","io_threads":4,"max_body_bytes":2048},
                        "database":{"url":"sqlite:/tmp/x.db"},"log":{"format":"json","level":"debug"},
                        "upstreams":{"arxiv":{"base_url":"http://127.0.0.1:1234","min_interval_ms":10}},
                        "summarizer":{"language":"ja"},"slack":{"response_hosts":["127.0.0.1:9999"]}})");
    BOOST_TEST(cfg.server.host == "0.0.0.0");
    BOOST_TEST(cfg.server.port == 9000);
    BOOST_TEST(cfg.server.io_threads == 4);
    BOOST_TEST(cfg.server.max_body_bytes == 2048u);
    BOOST_TEST(cfg.database.url == "sqlite:/tmp/x.db");
    BOOST_TEST(cfg.log.format == "json");
    BOOST_TEST(cfg.upstream("arxiv").base_url == "http://127.0.0.1:1234");
    BOOST_TEST(cfg.upstream("arxiv").min_interval.count() == 10);
    BOOST_TEST(cfg.upstream("arxiv").max_connections == 1);  // untouched keys keep their defaults
    BOOST_TEST(cfg.summarizer.language == "ja");
    BOOST_TEST(cfg.slack.response_hosts == std::vector<std::string>{"127.0.0.1:9999"});
}

struct bad_case {
    const char* json;
    const char* expected;
};
std::ostream& operator<<(std::ostream& os, const bad_case& c) { return os << c.json; }

const bad_case bad[] = {
    {R"({"server":{"io_thread":2}})", "server.io_thread: unknown key"},
    {R"({"bogus":1})", "bogus: unknown key"},
    {R"({"server":{"io_threads":"two"}})", "server.io_threads: expected integer"},
    {R"({"server":{"io_threads":0}})", "server.io_threads: must be between 1 and 256"},
    {R"({"server":{"listen":"8080"}})", "server.listen: expected host:port"},
    {R"({"server":{"listen":"localhost:99999"}})", "server.listen: port must be a number"},
    {R"({"server":[]})", "server: expected object"},
    {R"({"database":{"url":"mysql://x"}})", "database.url: expected sqlite:PATH or a postgresql:// URI"},
    {R"({"log":{"format":"xml"}})", "log.format: expected text or json"},
    {R"({"upstreams":{"arxiv":{"base_url":"ftp://x"}}})", "upstreams.arxiv.base_url: expected an http:// or https:// URL"},
    {R"({"upstreams":{"arxvi":{}}})", "upstreams.arxvi: unknown key"},
    {R"({"upstreams":{"arxiv":{"max_connections":1.5}}})", "upstreams.arxiv.max_connections: expected integer"},
    {R"({"slack":{"response_hosts":"hooks.slack.com"}})", "slack.response_hosts: expected array of strings"},
    {R"({"slack":{"signing_secret":"abc"}})", "slack.signing_secret: secrets are never read from the file"},
    {R"({"summarizer":{"kind":"gpt"}})", "summarizer.kind: expected anthropic, openai or extractive"},
    {R"({"summarizer":{"kind":"anthropic"}})", "summarizer.kind: anthropic needs ANTHROPIC_API_KEY"},
    {R"({"summarizer":{"language":"en us"}})", "summarizer.language: expected a language tag"},
    {R"({"server": )", "test.json: not valid JSON"},
    {R"({"time_zone":"Mars/Olympus"})", "time_zone: unknown time zone"},
    {R"({"default_profile":"nope"})", "default_profile: no profile named"},
    {R"({"profiles":{"llm":{"papers":0}}})", "profiles.llm.papers: must be between 1 and 50"},
    {R"({"profiles":{"llm":{"weights":{"upvotes":"high"}}}})", "profiles.llm.weights.upvotes: expected number"},
    {R"({"profiles":{"llm":{"keywords":[]}}})", "profiles.llm.keywords: unknown key"},
};

BOOST_DATA_TEST_CASE(bad_values_name_their_key, bdata::make(bad), c) {
    const auto message = error_of(c.json);
    BOOST_TEST_INFO("message: " << message);
    BOOST_TEST(message.starts_with(c.expected));
}

BOOST_AUTO_TEST_CASE(profiles_extend_the_builtin_llm_profile) {
    auto cfg = from(R"({"time_zone":"Asia/Tokyo","default_profile":"vision",
                        "profiles":{"llm":{"papers":7},"vision":{"categories":["cs.CV"],"language":"ja",
                        "weights":{"upvotes":1,"citations":0,"recency":0.5,"keyword":0.5}}}})");
    BOOST_TEST(cfg.time_zone == "Asia/Tokyo");
    BOOST_TEST(cfg.default_profile == "vision");
    BOOST_TEST(cfg.profiles.at("llm").papers == 7);
    BOOST_TEST(cfg.profiles.at("llm").categories == paperboy::pipeline::default_llm_profile().categories);
    const auto& vision = cfg.profiles.at("vision");
    BOOST_TEST(vision.name == "vision");
    BOOST_TEST(vision.categories == std::vector<std::string>{"cs.CV"});
    BOOST_TEST(vision.language == "ja");
    BOOST_TEST(vision.w.upvotes == 1.0);
    BOOST_TEST(vision.papers == 5);
    BOOST_TEST(cfg.profiles.at("llm").language == "en");  // from summarizer.language
}

BOOST_AUTO_TEST_CASE(environment_overrides_the_file) {
    environment env = {{"PAPERBOY_LISTEN", "127.0.0.1:7000"},
                       {"PAPERBOY_DATABASE", "sqlite:/tmp/env.db"},
                       {"PAPERBOY_LANGUAGE", "ja"},
                       {"PAPERBOY_LOG_FORMAT", "json"},
                       {"PAPERBOY_ARXIV_URL", "http://127.0.0.1:1"},
                       {"PAPERBOY_HF_URL", "http://127.0.0.1:2"},
                       {"PAPERBOY_S2_URL", "http://127.0.0.1:3"},
                       {"PAPERBOY_ANTHROPIC_URL", "http://127.0.0.1:4"},
                       {"PAPERBOY_OPENAI_URL", "http://127.0.0.1:5/v1"},
                       {"PAPERBOY_SLACK_URL", "http://127.0.0.1:6/api"},
                       {"PAPERBOY_DISCORD_URL", "http://127.0.0.1:7/api/v10"},
                       {"PAPERBOY_SLACK_RESPONSE_HOSTS", "hooks.slack.com, 127.0.0.1:8"}};
    auto cfg = from(R"({"server":{"listen":"0.0.0.0:1"},"summarizer":{"language":"en"}})", env);
    BOOST_TEST(cfg.server.port == 7000);
    BOOST_TEST(cfg.database.url == "sqlite:/tmp/env.db");
    BOOST_TEST(cfg.summarizer.language == "ja");
    BOOST_TEST(cfg.profiles.at("llm").language == "ja");
    BOOST_TEST(cfg.log.format == "json");
    BOOST_TEST(cfg.upstream("arxiv").base_url == "http://127.0.0.1:1");
    BOOST_TEST(cfg.upstream("huggingface").base_url == "http://127.0.0.1:2");
    BOOST_TEST(cfg.upstream("semantic_scholar").base_url == "http://127.0.0.1:3");
    BOOST_TEST(cfg.upstream("anthropic").base_url == "http://127.0.0.1:4");
    BOOST_TEST(cfg.upstream("openai").base_url == "http://127.0.0.1:5/v1");
    BOOST_TEST(cfg.upstream("slack").base_url == "http://127.0.0.1:6/api");
    BOOST_TEST(cfg.upstream("discord").base_url == "http://127.0.0.1:7/api/v10");
    BOOST_TEST((cfg.slack.response_hosts == std::vector<std::string>{"hooks.slack.com", "127.0.0.1:8"}));
}

BOOST_AUTO_TEST_CASE(summarizer_follows_the_keys_present) {
    BOOST_TEST(from("{}", {{"OPENAI_API_KEY", "sk-test"}}).summarizer.kind == "openai");
    BOOST_TEST(from("{}", {{"OPENAI_API_KEY", "sk-test"}}).summarizer.model == "gpt-4o-mini");
    auto both = from("{}", {{"OPENAI_API_KEY", "a"}, {"ANTHROPIC_API_KEY", "b"}});
    BOOST_TEST(both.summarizer.kind == "anthropic");
    BOOST_TEST(!both.summarizer.model.empty());
    BOOST_TEST(from("{}", {{"ANTHROPIC_API_KEY", "b"}, {"PAPERBOY_SUMMARIZER", "extractive"}}).summarizer.kind ==
               "extractive");
}

BOOST_AUTO_TEST_CASE(secrets_come_from_env_or_file) {
    auto path = std::filesystem::temp_directory_path() / "paperboy-secret-test.txt";
    std::ofstream(path) << "from-file\n";
    auto cfg = from("{}", {{"SLACK_SIGNING_SECRET", "direct"}, {"SLACK_BOT_TOKEN_FILE", path.string()}});
    BOOST_REQUIRE(cfg.secret.slack_signing_secret);
    BOOST_TEST(cfg.secret.slack_signing_secret->reveal() == "direct");
    BOOST_REQUIRE(cfg.secret.slack_bot_token);
    BOOST_TEST(cfg.secret.slack_bot_token->reveal() == "from-file");
    BOOST_TEST(!cfg.secret.discord_bot_token);
    BOOST_TEST(error_of("{}", {{"HF_TOKEN_FILE", "/nonexistent/paperboy"}}).starts_with("HF_TOKEN_FILE: cannot read"));
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(load_reads_the_file_named_by_the_environment) {
    auto path = std::filesystem::temp_directory_path() / "paperboy-config-test.json";
    std::ofstream(path) << R"({"server":{"listen":"127.0.0.1:8181"}})";
    auto cfg = load(std::nullopt, {{"PAPERBOY_CONFIG", path.string()}});
    BOOST_TEST(cfg.server.port == 8181);
    BOOST_CHECK_THROW(load(std::string("/nonexistent/paperboy.json"), {}), config_error);
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(the_example_file_is_valid_and_equals_the_defaults) {
    auto cfg = load(std::string(PAPERBOY_SOURCE_DIR "/config/paperboy.example.json"), {});
    auto d = defaults();
    apply_environment(d, {});
    BOOST_TEST(cfg.server.port == d.server.port);
    BOOST_TEST(cfg.database.url == d.database.url);
    BOOST_TEST(cfg.time_zone == d.time_zone);
    const auto& llm = cfg.profiles.at("llm");
    const auto builtin = paperboy::pipeline::default_llm_profile();
    BOOST_TEST(llm.categories == builtin.categories);
    BOOST_TEST(llm.strong_keywords == builtin.strong_keywords);
    BOOST_TEST(llm.include_keywords == builtin.include_keywords);
    BOOST_TEST(llm.exclude_keywords == builtin.exclude_keywords);
    BOOST_TEST(llm.papers == builtin.papers);
    BOOST_TEST(llm.w.keyword == builtin.w.keyword);
    for (const auto& [name, u] : d.upstreams) {
        BOOST_TEST_INFO(name);
        BOOST_TEST(cfg.upstream(name).base_url == u.base_url);
        BOOST_TEST(cfg.upstream(name).min_interval.count() == u.min_interval.count());
        BOOST_TEST(cfg.upstream(name).max_connections == u.max_connections);
    }
}

BOOST_AUTO_TEST_CASE(subscriptions_and_schedules_are_read_and_checked) {
    auto cfg = from(R"({"subscriptions": [{"platform": "slack", "channel": "C1", "time": "07:30",
                        "time_zone": "Asia/Tokyo", "language": "ja", "weekdays": "daily", "quiet_empty_days": true}],
                        "schedule": {"catch_up_ms": 7200000, "source_wait_ms": 3600000},
                        "archive": {"time": "06:00", "enabled": false}})");
    BOOST_REQUIRE_EQUAL(cfg.subscriptions.size(), 1u);
    BOOST_TEST(cfg.subscriptions[0].time == "07:30");
    BOOST_TEST(cfg.subscriptions[0].quiet_empty_days);
    BOOST_TEST(cfg.schedule.catch_up.count() == 7200000);
    BOOST_TEST(!cfg.archive.enabled);
    BOOST_TEST(from("{}").schedule.catch_up.count() == 6 * 3600000);
    BOOST_TEST(from("{}").archive.time == "08:00");
    const std::pair<const char*, const char*> bad[] = {
        {R"({"subscriptions": [{"platform": "slack", "channel": "C1", "time_zone": "Asia/Tokio"}]})",
         "subscriptions[0].time_zone: unknown time zone \"Asia/Tokio\" (did you mean Asia/Tokyo"},
        {R"({"subscriptions": [{"platform": "slack", "channel": "C1", "time": "25:00"}]})", "subscriptions[0].time:"},
        {R"({"subscriptions": [{"platform": "slack", "channel": "C1", "profile": "nope"}]})", "subscriptions[0].profile:"},
        {R"({"subscriptions": [{"platform": "irc", "channel": "C1"}]})", "subscriptions[0].platform:"},
        {R"({"subscriptions": [{"platform": "slack"}]})", "subscriptions[0].channel:"},
        {R"({"subscriptions": [{"platform": "slack", "channel": "C1", "weekdays": "sometimes"}]})",
         "subscriptions[0].weekdays:"},
        {R"({"subscriptions": [{"platform": "slack", "channel": "C1"}, {"platform": "slack", "channel": "C1"}]})",
         "subscriptions[1].channel: subscriptions[0] already schedules this channel"},
        {R"({"subscriptions": [{"platform": "slack", "channel": "C1", "colour": "red"}]})",
         "subscriptions[0].colour: unknown key"},
        {R"({"archive": {"time": "8am"}})", "archive.time:"},
        {R"({"schedule": {"source_wait_ms": 30000000}})", "schedule.source_wait_ms:"},
    };
    for (const auto& [json, message] : bad) {
        const auto got = error_of(json);
        BOOST_TEST(got.find(message) != std::string::npos, json << " → " << got);
    }
}

BOOST_AUTO_TEST_SUITE_END()
