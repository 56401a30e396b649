#include "paperboy/render/json.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

#include "sample_digest.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy;
using namespace paperboy::render;
using namespace std::chrono;
using render::test::sample_digest;

namespace {

// Every optional field set, odd values included.
core::digest full_digest() {
    core::digest d = sample_digest();
    d.language = "ja";
    d.empty_reason = "";
    d.source_warnings = {"semantic_scholar: timeout", "huggingface: 503"};
    auto& p = d.entries[0].paper;
    p.authors[0].affiliations = {"Analytical Engine Co.", "大学"};
    p.updated = sys_days{2026y / February / 12} + 10h + 5s;
    p.primary_category = "cs.CL";
    p.categories = {"cs.CL", "cs.AI"};
    p.abs_url = "http://arxiv.org/abs/2602.10693v1";
    p.pdf_url = "http://arxiv.org/pdf/2602.10693v1";
    p.doi = "10.1000/xyz";
    p.comment = "12 pages, \"quoted\"";
    p.journal_ref = "ACL 2026";
    p.signals = {42, 3, "https://github.com/org/repo", 1200, sys_days{2026y / February / 12}, 7, 1, "ACL",
                 "TL;DR 😀"};
    d.entries[0].score = 0.1 + 0.2;  // not a short decimal: must still read back exactly
    d.entries[1].score = -1e-300;
    d.entries[2].score = 123456789.125;
    d.entries[3].paper.signals.hf_upvotes = 0;  // zero is not absent
    d.entries[4].summary = {"要約\n改行あり\t\"引用\" \\ /", "ja", "anthropic:claude-sonnet-4-5", "注記"};
    return d;
}

core::digest empty_digest() {
    core::digest d;
    d.date = sys_days{1999y / December / 31};
    d.empty_reason = "no sources";
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_json)

BOOST_AUTO_TEST_CASE(round_trips_exactly) {
    for (const core::digest& d : {sample_digest(), full_digest(), empty_digest(), core::digest{}}) {
        const std::string text = to_json(d);
        const auto back = digest_from_json(text);
        BOOST_TEST_REQUIRE(back.has_value(), (back ? "" : back.err().message));
        BOOST_TEST((*back == d), text);
        BOOST_TEST(to_json(*back) == text);  // stable: same bytes again
    }
}

BOOST_AUTO_TEST_CASE(keys_are_stable_and_documented) {
    const auto j = nlohmann::ordered_json::parse(to_json(full_digest()));
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    BOOST_TEST(keys == (std::vector<std::string>{"format", "date", "profile", "language", "generated_at",
                                                 "empty_reason", "source_warnings", "entries"}),
               boost::test_tools::per_element());
    BOOST_TEST(j["format"] == 1);
    BOOST_TEST(j["date"] == "2026-02-23");
    BOOST_TEST(j["generated_at"] == "2026-02-23T07:00:00Z");
    const auto& e = j["entries"][0];
    BOOST_TEST(e["paper"]["published"] == "2026-02-11T17:59:00Z");
    BOOST_TEST(e["paper"]["signals"]["hf_submitted_on"] == "2026-02-12");
    BOOST_TEST(e["paper"]["signals"]["github_stars"] == 1200);
    BOOST_TEST(e["summary"]["model"] == "extractive");
    const auto plain = nlohmann::json::parse(to_json(sample_digest()));
    BOOST_TEST(plain["entries"][2]["paper"]["published"].is_null());
    BOOST_TEST(plain["entries"][0]["paper"]["signals"]["citations"].is_null());
    BOOST_TEST(plain["entries"][1]["summary"]["note"] == "The LLM summary failed; extractive summary shown.");
}

BOOST_AUTO_TEST_CASE(missing_keys_take_defaults) {
    const auto d = digest_from_json(R"({"date":"2026-02-23","entries":[{"number":2,"paper":{"title":"T"}}]})");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->entries.size() == 1u);
    BOOST_TEST(d->entries[0].number == 2);
    BOOST_TEST(d->entries[0].paper.title == "T");
    BOOST_TEST(!d->generated_at);
    BOOST_TEST(digest_from_json(R"({"date":"2026-02-23","future_key":[1,2]})").has_value());
}

BOOST_AUTO_TEST_CASE(non_finite_score_is_null) {
    core::digest d = sample_digest();
    d.entries[0].score = INFINITY;
    const std::string text = to_json(d);
    BOOST_TEST(nlohmann::json::parse(text)["entries"][0]["score"].is_null());
    const auto back = digest_from_json(text);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(std::isnan(back->entries[0].score));
}

struct bad_case {
    const char* json;
    const char* message;
};
std::ostream& operator<<(std::ostream& os, const bad_case& c) { return os << c.json; }

const bad_case bad[] = {
    {"", "digest JSON: not valid JSON"},
    {"{\"date\":", "digest JSON: not valid JSON"},
    {"[]", "digest JSON: expected an object"},
    {R"({"format":2})", "digest JSON: format: unsupported version 2"},
    {R"({"date":"2026-02-30"})", "digest JSON: date: expected YYYY-MM-DD date"},
    {R"({"profile":3})", "digest JSON: profile: expected string"},
    {R"({"generated_at":"yesterday"})", "digest JSON: generated_at: expected RFC 3339 time or null"},
    {R"({"source_warnings":["a",1]})", "digest JSON: source_warnings: expected array of strings"},
    {R"({"entries":{}})", "digest JSON: entries: expected array"},
    {R"({"entries":[1]})", "digest JSON: entries[0]: expected object"},
    {R"({"entries":[{"number":1.5}]})", "digest JSON: entries[0].number: expected integer"},
    {R"({"entries":[{"number":4294967296}]})", "digest JSON: entries[0].number: expected integer"},
    {R"({"entries":[{"score":"high"}]})", "digest JSON: entries[0].score: expected number or null"},
    {R"({"entries":[{},{"paper":{"authors":[{"name":1}]}}]})",
     "digest JSON: entries[1].paper.authors[0].name: expected string"},
    {R"({"entries":[{"paper":{"signals":{"hf_upvotes":"9"}}}]})",
     "digest JSON: entries[0].paper.signals.hf_upvotes: expected integer or null"},
    {R"({"entries":[{"paper":{"published":"2026-02-11"}}]})",
     "digest JSON: entries[0].paper.published: expected RFC 3339 time or null"},
    {R"({"entries":[{"summary":{"note":null}}]})", "digest JSON: entries[0].summary.note: expected string"},
};

BOOST_DATA_TEST_CASE(rejects_malformed_input_with_a_path, bdata::make(bad), c) {
    const auto d = digest_from_json(c.json);
    BOOST_TEST_REQUIRE(!d.has_value());
    BOOST_TEST(d.err().message == c.message);
}

BOOST_AUTO_TEST_SUITE_END()
