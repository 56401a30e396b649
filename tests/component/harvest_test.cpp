// The harvest end to end against fake arXiv, Hugging Face and Semantic Scholar peers that answer
// with real recorded responses: parallel sources, paging, a source down, malformed bodies, 429s.
#include <boost/test/unit_test.hpp>

#include "fake_peer.hpp"
#include "io_fixture.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/harvest/harvester.hpp"
#include "paperboy/harvest/paper_json.hpp"
#include "paperboy/metrics/registry.hpp"

using namespace paperboy;
using namespace std::chrono;
using namespace std::chrono_literals;
using test::fake_peer;
using test::recorded_request;
using test::scripted_reply;

namespace {

const std::string fixtures = PAPERBOY_SHARED_FIXTURES;
const sys_days digest_day = sys_days{year{2026} / 6 / 13};

std::string fixture(const std::string& path) { return test::read_file(fixtures + "/" + path); }

scripted_reply atom(std::string body) { return {200, std::move(body), "application/atom+xml; charset=utf-8"}; }

struct harvest_fixture : test::io_fixture {
    fake_peer arxiv_peer, hf_peer, s2_peer;
    metrics::registry metrics;
    config::config cfg = [this] {
        auto c = config::defaults();
        c.http_client.backoff_base = 5ms;
        c.http_client.backoff_max = 20ms;
        for (auto& [name, u] : c.upstreams) u.min_interval = 0ms;  // the pacing test sets its own
        c.upstreams["arxiv"].base_url = arxiv_peer.base_url();
        c.upstreams["huggingface"].base_url = hf_peer.base_url();
        c.upstreams["semantic_scholar"].base_url = s2_peer.base_url();
        return c;
    }();

    harvest_fixture() {
        // Defaults: every source answers with a real recording. The arXiv one is a window with
        // exactly its 10 entries (the recording's query had 7432 hits; a day's window has fewer).
        arxiv_peer.set_handler([](const recorded_request&) {
            auto body = fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml");
            const std::string total = "<opensearch:totalResults>7432<";
            body.replace(body.find(total), total.size(), "<opensearch:totalResults>10<");
            return atom(std::move(body));
        });
        hf_peer.set_handler([](const recorded_request& r) {
            if (r.target.find("p=0") == std::string::npos) return scripted_reply{200, "[]"};
            return scripted_reply{200, fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json")};
        });
        s2_peer.set_handler([](const recorded_request& r) {
            if (r.method == "POST") return scripted_reply{200, s2_batch_for(r.body)};
            return scripted_reply{200, fixture("semantic_scholar/paper_search_no_results.json")};
        });
    }

    // A batch answer aligned with the request: counts for the MiniMax paper, null for the rest.
    static std::string s2_batch_for(const std::string& request_body) {
        std::string out = "[";
        std::size_t pos = 0;
        bool first = true;
        while ((pos = request_body.find("ARXIV:", pos)) != std::string::npos) {
            auto end = request_body.find('"', pos);
            const auto id = request_body.substr(pos + 6, end - pos - 6);
            out += first ? "" : ",";
            first = false;
            out += id == "2606.13392"
                       ? R"({"paperId":"abc","externalIds":{"ArXiv":"2606.13392"},"title":"MiniMax Sparse Attention",)"
                         R"("citationCount":12,"influentialCitationCount":3,"venue":"arXiv.org","tldr":{"model":"tldr@v2.0.0","text":"Sparse attention at scale."}})"
                       : "null";
            pos = end;
        }
        return out + "]";
    }

    harvest::harvest_result harvest(std::set<std::string> posted = {}) {
        net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
        sources::arxiv_client arxiv(http, cfg.upstream("arxiv").base_url);
        sources::huggingface_client hf(http, cfg.upstream("huggingface").base_url, "hf_test");
        sources::semantic_scholar_client s2(http, cfg.upstream("semantic_scholar").base_url, "s2-key");
        harvest::harvester h(arxiv, hf, s2, metrics, "UTC");
        return run(h.harvest(digest_day, pipeline::default_llm_profile(), std::move(posted)));
    }
};

const pipeline::ranked* find(const harvest::harvest_result& r, const std::string& id) {
    for (const auto& c : r.candidates)
        if (c.paper.arxiv_id == id) return &c;
    return nullptr;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(harvest_component, harvest_fixture)

BOOST_AUTO_TEST_CASE(all_sources_merge_into_one_filtered_ranked_list) {
    auto r = harvest();
    BOOST_TEST(r.all_sources_failed() == false);
    BOOST_REQUIRE_EQUAL(r.sources.size(), 3u);
    for (const auto& s : r.sources) BOOST_TEST(s.ok(), s.source << ": " << s.error);
    BOOST_TEST(r.sources[0].papers == 10u);  // the arXiv recording's 10 physics papers
    BOOST_TEST(r.sources[1].papers == 30u);  // the Hugging Face day
    BOOST_TEST(r.harvested == 40u);
    // Physics papers are filtered out; LLM papers from Hugging Face are in, best first.
    for (const auto& c : r.candidates) BOOST_TEST(c.paper.arxiv_id.starts_with("2606."));
    BOOST_REQUIRE(!r.candidates.empty());
    for (std::size_t i = 1; i < r.candidates.size(); ++i) BOOST_TEST(r.candidates[i - 1].score >= r.candidates[i].score);
    const auto* minimax = find(r, "2606.13392");
    BOOST_REQUIRE(minimax);
    BOOST_TEST(*minimax->paper.signals.hf_upvotes == 103);
    BOOST_TEST(*minimax->paper.signals.citations == 12);  // enriched by the Semantic Scholar batch
    BOOST_TEST(*minimax->paper.signals.tldr == "Sparse attention at scale.");
    BOOST_TEST((minimax->paper.sources == std::vector<std::string>{"huggingface", "semantic_scholar"}));
    BOOST_TEST(r.empty_reason.empty());
    const auto line = harvest::candidate_json(*minimax, 1, false);
    BOOST_TEST(line.find(R"("arxiv_id":"2606.13392")") != std::string::npos);
    BOOST_TEST(line.find(R"("hf_upvotes":103)") != std::string::npos);
    BOOST_TEST(line.find(R"("citations":12)") != std::string::npos);

    // What the fakes received: the arXiv window query, the HF day with its token, S2 with its key.
    const auto ax = arxiv_peer.requests().at(0);
    BOOST_TEST(ax.target.find("/api/query?search_query=%28cat:cs.CL+OR+cat:cs.LG+OR+cat:cs.AI%29+AND+submittedDate:%5B") == 0u);
    BOOST_TEST(ax.header("User-Agent")->starts_with("paperboy/"));
    const auto hf = hf_peer.requests().at(0);
    BOOST_TEST(hf.target.find("/api/daily_papers?date=2026-06-12&p=0") == 0u);
    BOOST_TEST(*hf.header("Authorization") == "Bearer hf_test");
    BOOST_TEST(hf_peer.request_count() == 1u);  // 30 < page size: no second page
    bool saw_batch = false;
    for (const auto& s : s2_peer.requests()) {
        BOOST_TEST(*s.header("x-api-key") == "s2-key");
        if (s.method == "POST") {
            saw_batch = true;
            BOOST_TEST(s.target.find("/graph/v1/paper/batch?fields=") == 0u);
            BOOST_TEST(s.body.find("\"ARXIV:2606.13392\"") != std::string::npos);
        }
    }
    BOOST_TEST(saw_batch);
}

BOOST_AUTO_TEST_CASE(history_marks_papers_already_carried) {
    auto r = harvest({"2606.13392"});
    BOOST_TEST(r.already_posted.count("2606.13392") == 1u);
    const auto fresh = r.fresh();
    BOOST_TEST(std::none_of(fresh.begin(), fresh.end(), [](const auto& c) { return c.paper.arxiv_id == "2606.13392"; }));
    BOOST_TEST(fresh.size() + 1 == r.candidates.size());
}

BOOST_AUTO_TEST_CASE(a_source_that_is_down_is_reported_while_the_others_deliver) {
    hf_peer.set_handler([](const recorded_request&) { return scripted_reply{503, "<html>Service Unavailable</html>", "text/html"}; });
    auto r = harvest();
    BOOST_TEST(!r.sources[1].ok());
    BOOST_TEST(r.sources[1].error.find("huggingface: HTTP 503") == 0u);
    BOOST_TEST(r.sources[1].error.find("after 4 attempts") != std::string::npos);
    BOOST_TEST(r.sources[0].ok());
    BOOST_TEST(r.harvested == 10u);
    BOOST_TEST(metrics.value("paperboy_source_errors_total", {{"source", "huggingface"}}) == 1);
}

BOOST_AUTO_TEST_CASE(a_malformed_feed_is_an_error_for_that_source_only) {
    arxiv_peer.set_handler([](const recorded_request&) {
        auto body = fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml");
        return atom(body.substr(0, body.size() / 2));  // truncated mid-entry
    });
    auto r = harvest();
    BOOST_TEST(!r.sources[0].ok());
    BOOST_TEST(r.sources[0].error.starts_with("arxiv: "));
    BOOST_TEST(r.sources[1].ok());
    BOOST_TEST(r.sources[1].papers == 30u);
    BOOST_TEST(!r.candidates.empty());
    BOOST_TEST(metrics.value("paperboy_source_errors_total", {{"source", "arxiv"}}) == 1);
}

BOOST_AUTO_TEST_CASE(arxiv_error_feeds_are_reported_with_their_message) {
    arxiv_peer.set_handler([](const recorded_request&) {
        return scripted_reply{400, fixture("arxiv/api_error_incorrect_id_format_http400_2026-04-12.xml"), "application/atom+xml"};
    });
    auto r = harvest();
    BOOST_TEST_INFO(r.sources[0].error);
    BOOST_TEST(r.sources[0].error.find("arxiv: HTTP 400") == 0u);
    BOOST_TEST(r.sources[0].error.find("incorrect id format for abc") != std::string::npos);
    BOOST_TEST(arxiv_peer.request_count() == 1u);  // 400 is never retried
}

BOOST_AUTO_TEST_CASE(rate_limits_are_waited_out) {
    s2_peer.push({429, R"({"message":"Too Many Requests. Please wait and try again or apply for a key for higher rate limits."})",
                  "application/json", {{"Retry-After", "0.2"}}});
    auto r = harvest();
    BOOST_TEST(r.sources[2].ok());
    BOOST_TEST(metrics.value("paperboy_upstream_retries_total", {{"upstream", "semantic_scholar"}}) == 1);
}

BOOST_AUTO_TEST_CASE(every_source_down_says_so) {
    arxiv_peer.set_handler([](const recorded_request&) { return scripted_reply{.drop = true}; });
    hf_peer.set_handler([](const recorded_request&) { return scripted_reply{500, "oops"}; });
    s2_peer.set_handler([](const recorded_request&) { return scripted_reply{403, fixture("semantic_scholar/error_403_forbidden.json")}; });
    cfg.upstreams["arxiv"].max_retries = 1;
    cfg.upstreams["huggingface"].max_retries = 1;
    auto r = harvest();
    BOOST_TEST(r.all_sources_failed());
    BOOST_TEST(r.candidates.empty());
    BOOST_TEST(r.empty_reason.starts_with("every source failed"));
    BOOST_TEST(r.sources[2].error.find("semantic_scholar: HTTP 403: Forbidden") == 0u);
}

BOOST_AUTO_TEST_CASE(an_empty_day_gives_a_reason) {
    arxiv_peer.set_handler([](const recorded_request&) { return atom(fixture("arxiv/api_id_list_no_match_2026-04-12.xml")); });
    hf_peer.set_handler([](const recorded_request&) { return scripted_reply{200, "[]"}; });
    auto r = harvest();
    BOOST_TEST(!r.all_sources_failed());
    BOOST_TEST(r.harvested == 0u);
    BOOST_TEST(!r.empty_reason.empty());
}

BOOST_AUTO_TEST_CASE(arxiv_pages_through_a_window_at_its_pace) {
    arxiv_peer.set_handler([](const recorded_request& r) {
        const bool second = r.target.find("start=10&") != std::string::npos;
        return atom(fixture(second ? "arxiv/api_query_all-testing_start10_max10_2026-04-12.xml"
                                   : "arxiv/api_query_all-testing_start0_max10_2026-04-12.xml"));
    });
    cfg.upstreams["arxiv"].min_interval = 250ms;
    net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    sources::arxiv_client arxiv(http, cfg.upstream("arxiv").base_url);
    auto papers = run(arxiv.fetch_window({"cs.CL"}, sys_days{year{2026} / 4 / 10}, sys_days{year{2026} / 4 / 11}, 10, 20));
    BOOST_REQUIRE(papers);
    BOOST_TEST(papers->size() == 20u);
    const auto seen = arxiv_peer.requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 2u);
    BOOST_TEST(seen[0].target.find("start=0&max_results=10") != std::string::npos);
    BOOST_TEST(seen[1].target.find("start=10&max_results=10") != std::string::npos);
    BOOST_TEST(seen[0].target.find("submittedDate:%5B202604100000+TO+202604102359%5D") != std::string::npos);
    BOOST_TEST((seen[1].arrived - seen[0].arrived >= 240ms));
    BOOST_TEST(arxiv_peer.max_concurrent_requests() == 1);
}

BOOST_AUTO_TEST_CASE(arxiv_asks_again_after_an_unexpected_empty_page) {
    arxiv_peer.push(atom(fixture("arxiv/api_query_all-testing_start0_max10_2026-04-12.xml")));
    // A valid feed that claims thousands of results but carries no entry: the known arXiv quirk.
    auto empty = fixture("arxiv/api_query_all-testing_start10_max10_2026-04-12.xml");
    auto first_entry = empty.find("<entry>");
    empty = empty.substr(0, first_entry) + "</feed>\n";
    arxiv_peer.push(atom(empty));
    arxiv_peer.push(atom(fixture("arxiv/api_query_all-testing_start10_max10_2026-04-12.xml")));
    net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics);
    sources::arxiv_client arxiv(http, cfg.upstream("arxiv").base_url);
    auto papers = run(arxiv.fetch_window({"cs.CL"}, sys_days{year{2026} / 4 / 10}, sys_days{year{2026} / 4 / 11}, 10, 20));
    BOOST_REQUIRE(papers);
    BOOST_TEST(papers->size() == 20u);
    BOOST_TEST(arxiv_peer.request_count() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
