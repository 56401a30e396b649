#pragma once
// DigestService: builds the digest of a day once (harvest → filter → rank → select → summarise),
// stores it, and hands the stored one to everyone who asks afterwards: every channel, command and
// replica. One summary per (paper, model, language, prompt version) is paid for once: cached in the
// store, and concurrent requests for the same summary or the same digest share one computation.
//
// Threads: all methods may be called concurrently from any executor.
// Errors: expected failures are result errors; a summarizer failure never loses the digest (the
// guarded summarizer falls back to the extractive summary with a visible note).
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "paperboy/async/semaphore.hpp"
#include "paperboy/async/single_flight.hpp"
#include "paperboy/core/digest.hpp"
#include "paperboy/core/result.hpp"
#include "paperboy/harvest/harvester.hpp"
#include "paperboy/pipeline/profile.hpp"
#include "paperboy/store/database.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::digest {

class digest_service {
public:
    digest_service(boost::asio::any_io_executor executor, store::database& db, harvest::harvester& harvester,
                   sources::arxiv_client& arxiv, summarize::summarizer& llm, metrics::registry& metrics,
                   int summary_concurrency);

    // The stored digest of (day, profile, language), else a new one built and stored. A day on which
    // every source failed is returned (with the reasons) but not stored, so a later call tries again.
    // Papers of a stored digest that carry an extractive stand-in (the LLM failed) are summarised
    // again, at most every 10 minutes per digest, and the digest is stored again when one improved.
    boost::asio::awaitable<result<core::digest>> get_or_build(std::chrono::sys_days day, pipeline::profile profile,
                                                              std::string language);

    // One paper by arXiv id with its summary in `language` (fetched from arXiv when needed).
    boost::asio::awaitable<result<core::digest_entry>> paper(std::string arxiv_id, std::string language);

    // The summary of one paper: from the cache, else computed once however many ask at the same time.
    boost::asio::awaitable<core::summary> summary_for(core::paper paper, std::string language);

    // Called as summaries finish while a digest is built: (done, total). For CLI progress.
    void on_progress(std::function<void(int, int)> callback) { progress_ = std::move(callback); }

private:
    boost::asio::awaitable<core::digest> retry_fallbacks(core::digest d);
    boost::asio::awaitable<result<core::digest>> build_result(std::chrono::sys_days day, pipeline::profile profile,
                                                              std::string language);
    boost::asio::awaitable<core::digest> build(std::chrono::sys_days day, pipeline::profile profile,
                                               std::string language);
    boost::asio::awaitable<void> summarize_all(std::vector<core::digest_entry>& entries, std::string language);
    boost::asio::awaitable<core::summary> compute_summary(core::paper paper, std::string language,
                                                          store::summary_key key);

    store::database& db_;
    harvest::harvester& harvester_;
    sources::arxiv_client& arxiv_;
    summarize::summarizer& llm_;
    metrics::registry& metrics_;
    async::semaphore summary_slots_;
    async::single_flight<core::summary> summary_flights_;
    async::single_flight<result<core::digest>> digest_flights_;
    std::function<void(int, int)> progress_;
    static constexpr std::chrono::minutes retry_interval{10};
    std::mutex retry_mutex_;
    std::map<std::string, std::chrono::steady_clock::time_point> last_retry_;  // by digest key
};

}  // namespace paperboy::digest
