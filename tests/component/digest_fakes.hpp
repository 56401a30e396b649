#pragma once
// Fake peers for the digest component tests (digest_test.cpp, digest_cli_test.cpp): arXiv, Hugging
// Face and Semantic Scholar answering with the real recordings in ../shared/fixtures/real, and an
// Anthropic Messages API that answers in the recorded response shape with a summary taken from the
// abstract it was sent (so it passes the faithfulness guard), or fails in the ways a test asks for.
//
// Threads: the handlers run on each fake's own thread; counters and state are guarded.
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <string>

#include "fake_peer.hpp"
#include "paperboy/summarize/extractive.hpp"

namespace paperboy::test::digest_support {

inline const std::string fixtures = PAPERBOY_SHARED_FIXTURES;

inline std::string fixture(const std::string& path) { return read_file(fixtures + "/" + path); }

// The Hugging Face listing of 2026-06-12: the papers of the digest of 2026-06-13 (UTC).
inline const std::string& hf_day() {
    static const std::string body = fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json");
    return body;
}

// The recorded physics window (every paper is filtered out by the LLM profile), with a total that
// matches its 10 entries so the client does not page further.
inline std::string arxiv_window() {
    auto body = fixture("arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml");
    const std::string total = "<opensearch:totalResults>7432<";
    body.replace(body.find(total), total.size(), "<opensearch:totalResults>10<");
    return body;
}

// A Semantic Scholar batch answer aligned with the request: counts for the MiniMax paper, null for the rest.
inline std::string s2_batch_for(const std::string& request_body) {
    std::string out = "[";
    std::size_t pos = 0;
    bool first = true;
    while ((pos = request_body.find("ARXIV:", pos)) != std::string::npos) {
        const auto end = request_body.find('"', pos);
        const auto id = request_body.substr(pos + 6, end - pos - 6);
        out += first ? "" : ",";
        first = false;
        out += id == "2606.13392" ? R"({"paperId":"abc","externalIds":{"ArXiv":"2606.13392"},"title":"MiniMax Sparse Attention",)"
                                    R"("citationCount":12,"influentialCitationCount":3,"venue":"arXiv.org"})"
                                  : "null";
        pos = end;
    }
    return out + "]";
}

struct fake_sources {
    fake_peer arxiv, hf, s2;

    fake_sources() { serve_recordings(); }

    // Every source answers with its recording. Hugging Face lists the 2026-06-12 papers for
    // 2026-06-12 and 2026-06-13 (so the digests of 2026-06-13 and 2026-06-14 see the same papers).
    void serve_recordings() {
        arxiv.set_handler([](const recorded_request& r) {
            if (r.target.find("id_list=2104.12255") != std::string::npos)
                return scripted_reply{200, fixture("arxiv/api_id_list_title_is_0_2026-04-12.xml"), "application/atom+xml"};
            if (r.target.find("id_list=") != std::string::npos)
                return scripted_reply{200, fixture("arxiv/api_id_list_no_match_2026-04-12.xml"), "application/atom+xml"};
            return scripted_reply{200, arxiv_window(), "application/atom+xml"};
        });
        hf.set_handler([](const recorded_request& r) {
            const bool listed = r.target.find("date=2026-06-12&") != std::string::npos ||
                                r.target.find("date=2026-06-13&") != std::string::npos;
            if (!listed || r.target.find("&p=0&") == std::string::npos) return scripted_reply{200, "[]"};
            return scripted_reply{200, hf_day()};
        });
        s2.set_handler([](const recorded_request& r) {
            if (r.method == "POST") return scripted_reply{200, s2_batch_for(r.body)};
            return scripted_reply{200, fixture("semantic_scholar/paper_search_no_results.json")};
        });
    }

    // Every source fails: arXiv drops the connection, Hugging Face answers 500, Semantic Scholar 403.
    void all_down() {
        arxiv.set_handler([](const recorded_request&) { return scripted_reply{.drop = true}; });
        hf.set_handler([](const recorded_request&) { return scripted_reply{500, "oops"}; });
        s2.set_handler([](const recorded_request&) {
            return scripted_reply{403, fixture("semantic_scholar/error_403_forbidden.json")};
        });
    }

    std::size_t requests() const { return arxiv.request_count() + hf.request_count() + s2.request_count(); }

    // Requests for the first page of a Hugging Face day: one per harvest of that day.
    std::size_t hf_day_requests(const std::string& ymd) const {
        std::size_t n = 0;
        for (const auto& r : hf.requests())
            if (r.target.find("date=" + ymd + "&p=0&") != std::string::npos) ++n;
        return n;
    }
};

// The abstract inside a Messages API request built from the built-in templates (en, ja).
inline std::string abstract_in(const std::string& request_body) {
    auto j = nlohmann::json::parse(request_body, nullptr, false);
    if (j.is_discarded()) return {};
    const auto user = j["messages"][0]["content"].get<std::string>();
    const std::string open = "<abstract>\n", close = "\n</abstract>";
    const auto from = user.find(open);
    const auto to = user.find(close);
    if (from == std::string::npos || to == std::string::npos) return {};
    return user.substr(from + open.size(), to - from - open.size());
}

class fake_anthropic {
public:
    enum class behaviour {
        faithful,         // the first sentence of the abstract, verbatim
        invalid_request,  // HTTP 400 invalid_request_error
        invented,         // always states a number the abstract does not have
        invented_once,    // invents on the first call for a paper, faithful on the second
    };

    fake_anthropic() {
        peer.set_handler([this](const recorded_request& r) { return answer(r); });
    }

    void set(behaviour b) {
        std::lock_guard lock(mutex_);
        behaviour_ = b;
    }

    // Every answer takes this long (a slow model).
    void set_delay(std::chrono::milliseconds d) {
        std::lock_guard lock(mutex_);
        delay_ = d;
    }

    // POST /v1/messages requests received so far.
    std::size_t calls() const {
        std::size_t n = 0;
        for (const auto& r : peer.requests())
            if (r.method == "POST" && r.target == "/v1/messages") ++n;
        return n;
    }

    std::string last_request_body() const {
        const auto all = peer.requests();
        return all.empty() ? std::string{} : all.back().body;
    }

    // The summary the fake gives for `abstract` when it is faithful.
    static std::string faithful_summary(const std::string& abstract) {
        const auto sentences = summarize::split_sentences(abstract);
        return sentences.empty() ? std::string("No abstract.") : std::string(sentences.front());
    }

    // A number no recorded abstract contains.
    static constexpr const char* invented_claim = "It is 98765.4321 times faster than everything before it.";

private:
    scripted_reply answer(const recorded_request& r) {
        if (r.method != "POST" || r.target != "/v1/messages") return {404, R"({"type":"error"})"};
        const std::string abstract = abstract_in(r.body);
        behaviour b;
        int round;
        std::chrono::milliseconds delay;
        {
            std::lock_guard lock(mutex_);
            b = behaviour_;
            delay = delay_;
            round = ++rounds_[abstract];
        }
        if (b == behaviour::invalid_request)
            return {400, R"({"type":"error","error":{"type":"invalid_request_error","message":"messages: text content blocks must be non-empty"}})",
                    "application/json", {}, delay};
        std::string text = faithful_summary(abstract);
        if (b == behaviour::invented || (b == behaviour::invented_once && round == 1)) text += " " + std::string(invented_claim);
        static const std::string recorded = fixture("anthropic/messages_create_basic_200.json");
        auto body = nlohmann::json::parse(recorded);
        body["content"][0]["text"] = text;
        return {200, body.dump(), "application/json", {}, delay};
    }

    mutable std::mutex mutex_;
    behaviour behaviour_ = behaviour::faithful;
    std::chrono::milliseconds delay_{0};
    std::map<std::string, int> rounds_;  // calls per abstract

public:
    fake_peer peer;  // last: its thread stops before the state above is destroyed
};

}  // namespace paperboy::test::digest_support
