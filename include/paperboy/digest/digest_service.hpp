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
#include <optional>
#include <string>

#include "paperboy/async/semaphore.hpp"
#include "paperboy/async/single_flight.hpp"
#include "paperboy/core/clock.hpp"
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

struct digest_options {
    int summary_concurrency = 4;
    std::string owner = "paperboy";  // who claims builds in the store (unique per process)
    std::chrono::milliseconds build_lease{15 * 60'000};
    std::chrono::milliseconds retry_partial_after{30 * 60'000};
    std::chrono::milliseconds claim_poll{1'000};  // how often a caller waiting for another's build looks
};

class digest_service {
public:
    digest_service(boost::asio::any_io_executor executor, store::database& db, harvest::harvester& harvester,
                   sources::arxiv_client& arxiv, summarize::summarizer& llm, metrics::registry& metrics,
                   const core::clock& clock, digest_options options);

    // The stored digest of (day, profile, language), else a new one built and stored. A day on which
    // every source failed is returned (with the reasons) but not stored, so a later call tries again.
    // A digest stored while a source failed (partial) is rebuilt by the first call after
    // retry_partial_after (summaries already paid for are reused); if every source fails then, the
    // partial one is kept. Papers of a stored digest that carry an extractive stand-in (the LLM
    // failed) are summarised again, at most every 10 minutes per digest.
    // Builds are claimed in the store, and the store is read again once the claim is held, so two
    // callers, in this process or another one on the same database, never build the same digest:
    // the second waits for the first's result. `partial_max_age` replaces retry_partial_after for
    // this call (the scheduler waiting for a source asks sooner).
    boost::asio::awaitable<result<core::digest>> get_or_build(
        std::chrono::sys_days day, pipeline::profile profile, std::string language,
        std::optional<std::chrono::milliseconds> partial_max_age = std::nullopt);

    // The stored digest, if any (never builds).
    boost::asio::awaitable<std::optional<core::digest>> stored(store::digest_key key);

    // One paper by arXiv id with its summary in `language` (fetched from arXiv when needed). Errors
    // are short and meant for people ("arXiv has no paper X", "arXiv did not answer"); details are logged.
    boost::asio::awaitable<result<core::digest_entry>> paper(std::string arxiv_id, std::string language);

    // The summary of one paper: from the cache, else computed once however many ask at the same time.
    boost::asio::awaitable<core::summary> summary_for(core::paper paper, std::string language);

    // Called as summaries finish while a digest is built: (done, total). For CLI progress.
    void on_progress(std::function<void(int, int)> callback) { progress_ = std::move(callback); }

private:
    boost::asio::awaitable<core::digest> retry_fallbacks(core::digest d);
    boost::asio::awaitable<result<core::digest>> build_claimed(std::chrono::sys_days day, pipeline::profile profile,
                                                               std::string language,
                                                               std::chrono::milliseconds partial_max_age);
    bool needs_rebuild(const core::digest& d, std::chrono::milliseconds partial_max_age) const;
    // `previous`: a partial digest being completed; its papers keep their numbers (threads and
    // buttons already name them) and new papers are added after them.
    boost::asio::awaitable<core::digest> build(std::chrono::sys_days day, pipeline::profile profile,
                                               std::string language, std::optional<core::digest> previous = {});
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
    const core::clock& clock_;
    digest_options options_;
    static constexpr std::chrono::minutes retry_interval{10};
    std::mutex retry_mutex_;
    std::map<std::string, std::chrono::steady_clock::time_point> last_retry_;  // by digest key
};

}  // namespace paperboy::digest
