#include "paperboy/digest/digest_service.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "paperboy/core/time.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/render/json.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/guarded.hpp"

namespace paperboy::digest {

namespace asio = boost::asio;
using asio::awaitable;
using done_channel = asio::experimental::concurrent_channel<void(boost::system::error_code)>;

namespace {

std::string flight_key(const store::digest_key& k) { return k.day + "|" + k.profile + "|" + k.language; }

// The entries being summarised and the channel their summaries report on. Shared with every child
// coroutine, so a builder that gives up (cancellation) leaves nothing dangling behind it.
struct summary_batch {
    summary_batch(asio::any_io_executor ex, std::vector<core::digest_entry> e)
        : entries(std::move(e)), done(ex, entries.size()) {}
    std::vector<core::digest_entry> entries;
    done_channel done;
};

// Summarises one entry and always signals `done`, whatever happens, so the gather cannot hang.
awaitable<void> summarize_entry(digest_service& service, async::semaphore& slots, std::shared_ptr<summary_batch> batch,
                                std::size_t index, std::string language) {
    struct signal_done {
        done_channel& ch;
        ~signal_done() { ch.try_send(boost::system::error_code{}); }
    } signal{batch->done};
    auto held = co_await slots.hold();
    auto& entry = batch->entries[index];
    try {
        entry.summary = co_await service.summary_for(entry.paper, language);
    } catch (const std::exception& e) {
        spdlog::error("summary of {} failed unexpectedly: {}", entry.paper.arxiv_id, e.what());
        entry.summary = core::summary{summarize::extract_key_sentences(entry.paper.abstract), language, "extractive",
                                      summarize::fallback_note(summarize::fallback_reason::llm_error, language)};
    }
}

}  // namespace

digest_service::digest_service(asio::any_io_executor executor, store::database& db, harvest::harvester& harvester,
                               sources::arxiv_client& arxiv, summarize::summarizer& llm, metrics::registry& metrics,
                               const core::clock& clock, digest_options options)
    : db_(db), harvester_(harvester), arxiv_(arxiv), llm_(llm), metrics_(metrics),
      summary_slots_(executor, static_cast<std::size_t>(std::max(1, options.summary_concurrency))), clock_(clock),
      options_(std::move(options)) {
    metrics.describe_counter("paperboy_digests_built_total", "Digests built (not served from the store).");
    metrics.describe_counter("paperboy_summary_cache_total", "Summary lookups by outcome: hit or miss.");
}

awaitable<std::optional<core::digest>> digest_service::stored(store::digest_key key) {
    // Lambdas are named before co_await: GCC 12 mishandles temporaries inside co_await expressions.
    auto load = [key](store::store& s) { return s.load_digest(key); };
    auto json = co_await db_.run(load);
    if (!json) co_return std::nullopt;
    auto parsed = render::digest_from_json(*json);
    if (!parsed) {
        spdlog::warn("stored digest {} is unreadable ({}); building it again", flight_key(key), parsed.err().message);
        co_return std::nullopt;
    }
    co_return std::move(*parsed);
}

bool digest_service::needs_rebuild(const core::digest& d, std::chrono::milliseconds partial_max_age) const {
    if (d.source_warnings.empty()) return false;
    if (!d.generated_at) return true;
    return clock_.now() - *d.generated_at >= partial_max_age;
}

awaitable<result<core::digest>> digest_service::get_or_build(std::chrono::sys_days day, pipeline::profile profile,
                                                             std::string language,
                                                             std::optional<std::chrono::milliseconds> partial_max_age) {
    const store::digest_key key{core::format_ymd(day), profile.name, language};
    const auto max_age = partial_max_age.value_or(options_.retry_partial_after);
    if (auto d = co_await stored(key); d && !needs_rebuild(*d, max_age)) co_return co_await retry_fallbacks(std::move(*d));
    auto work = [this, day, &profile, &language, max_age] { return build_claimed(day, profile, language, max_age); };
    co_return co_await digest_flights_.run(flight_key(key), work);
}

awaitable<result<core::digest>> digest_service::build_claimed(std::chrono::sys_days day, pipeline::profile profile,
                                                              std::string language,
                                                              std::chrono::milliseconds partial_max_age) {
    const store::digest_key key{core::format_ymd(day), profile.name, language};
    asio::steady_timer wait(co_await asio::this_coro::executor);
    for (;;) {
        auto claim = [key, owner = options_.owner, now = clock_.now_ms(),
                      lease = options_.build_lease.count()](store::store& s) {
            return s.claim_digest_build(key, owner, now, lease);
        };
        if (co_await db_.run(claim)) break;
        // Someone else (another replica) is building it: its result is what we want.
        if (auto d = co_await stored(key); d && !needs_rebuild(*d, partial_max_age)) co_return std::move(*d);
        wait.expires_after(options_.claim_poll);
        co_await wait.async_wait(asio::use_awaitable);
    }
    struct release_on_exit {
        digest_service* self;
        store::digest_key key;
        ~release_on_exit() {
            // Not awaited (a destructor cannot): the claim would also expire by itself.
            self->db_.post([key = key, owner = self->options_.owner](store::store& s) { s.release_digest_build(key, owner); });
        }
    } releaser{this, key};
    // Read again under the claim: a build that finished between our first look and the claim counts.
    auto previous = co_await stored(key);
    if (previous && !needs_rebuild(*previous, partial_max_age)) co_return co_await retry_fallbacks(std::move(*previous));
    auto built = co_await build(day, std::move(profile), std::move(language), previous);
    co_return built;
}

awaitable<core::digest> digest_service::retry_fallbacks(core::digest d) {
    // A digest built while the LLM was failing carries extractive stand-ins: try those papers
    // again, at most every retry_interval per digest, and store the digest when any improved.
    const bool has_fallback = std::any_of(d.entries.begin(), d.entries.end(),
                                          [](const core::digest_entry& e) { return !e.summary.note.empty(); });
    if (!has_fallback) co_return d;
    const store::digest_key key{core::format_ymd(d.date), d.profile, d.language};
    {
        std::lock_guard lock(retry_mutex_);
        auto& last = last_retry_[flight_key(key)];
        const auto now = std::chrono::steady_clock::now();
        if (last.time_since_epoch().count() != 0 && now - last < retry_interval) co_return d;
        last = now;
    }
    bool improved = false;
    for (auto& e : d.entries) {
        if (e.summary.note.empty()) continue;
        auto s = co_await summary_for(e.paper, d.language);
        if (s.note.empty()) {
            e.summary = std::move(s);
            improved = true;
        }
    }
    if (improved) {
        auto save = [key, json = render::to_json(d), papers = static_cast<int>(d.entries.size())](store::store& st) {
            st.save_digest(key, papers, json);
        };
        co_await db_.run(save);
    }
    co_return d;
}

awaitable<core::digest> digest_service::build(std::chrono::sys_days day, pipeline::profile profile, std::string language,
                                              std::optional<core::digest> previous) {
    const std::string ymd = core::format_ymd(day);
    const std::string profile_name = profile.name;
    auto history = [profile_name, ymd](store::store& s) { return s.posted_papers(profile_name, ymd); };
    auto posted = co_await db_.run(history);
    const int wanted = profile.papers;
    auto harvested = co_await harvester_.harvest(day, std::move(profile), posted);

    core::digest d;
    d.date = day;
    d.profile = profile_name;
    d.language = language;
    d.generated_at = std::chrono::time_point_cast<std::chrono::seconds>(clock_.now());
    for (const auto& s : harvested.sources)
        if (!s.ok()) d.source_warnings.push_back(harvest::public_name(s.source));  // the details are logged
    if (previous) d.entries = previous->entries;  // completing a partial digest: its numbers stay
    auto carried = [&d](const std::string& id) {
        return std::any_of(d.entries.begin(), d.entries.end(), [&id](const auto& e) { return e.paper.arxiv_id == id; });
    };
    for (auto& chosen : pipeline::select(harvested.candidates, wanted, posted)) {
        if (static_cast<int>(d.entries.size()) >= wanted) break;
        if (carried(chosen.paper.arxiv_id)) continue;
        const int number = static_cast<int>(d.entries.size()) + 1;
        d.entries.push_back(core::digest_entry{number, std::move(chosen.paper), {}, chosen.score});
    }
    if (d.entries.empty()) d.empty_reason = harvested.empty_reason;

    co_await summarize_all(d.entries, language);
    metrics_.add("paperboy_digests_built_total", {{"profile", profile_name}});

    if (harvested.all_sources_failed()) {
        spdlog::warn("digest {} {}: every source failed; not stored, the next request tries again", ymd, profile_name);
        if (previous) co_return std::move(*previous);  // a rebuild that got nothing keeps the partial digest
        co_return d;
    }
    std::vector<std::string> ids;
    for (const auto& e : d.entries) ids.push_back(e.paper.arxiv_id);
    const store::digest_key key{ymd, profile_name, language};
    const std::string json = render::to_json(d);
    const int papers = static_cast<int>(d.entries.size());
    auto save = [key, json, papers, ids](store::store& s) { s.save_digest(key, papers, json, &ids); };
    co_await db_.run(save);
    co_return d;
}

awaitable<void> digest_service::summarize_all(std::vector<core::digest_entry>& entries, std::string language) {
    if (entries.empty()) co_return;
    auto ex = co_await asio::this_coro::executor;
    auto batch = std::make_shared<summary_batch>(ex, std::move(entries));
    for (std::size_t i = 0; i < batch->entries.size(); ++i)
        asio::co_spawn(ex, summarize_entry(*this, summary_slots_, batch, i, language), asio::detached);
    const int total = static_cast<int>(batch->entries.size());
    for (int i = 1; i <= total; ++i) {
        co_await batch->done.async_receive(asio::use_awaitable);
        if (progress_) progress_(i, total);
    }
    entries = std::move(batch->entries);  // every child has signalled: none touches them any more
}

awaitable<core::summary> digest_service::summary_for(core::paper paper, std::string language) {
    store::summary_key key{paper.arxiv_id, llm_.id(), language, llm_.prompt_version(language)};
    auto load = [key](store::store& s) { return s.load_summary(key); };
    auto cached = co_await db_.run(load);
    if (cached) {
        metrics_.add("paperboy_summary_cache_total", {{"outcome", "hit"}});
        co_return core::summary{*cached, language, key.model, {}};
    }
    metrics_.add("paperboy_summary_cache_total", {{"outcome", "miss"}});
    const std::string flight = key.arxiv_id + "|" + key.model + "|" + key.language + "|" + key.prompt_version;
    auto work = [this, &paper, &language, &key] { return compute_summary(paper, language, key); };
    co_return co_await summary_flights_.run(flight, work);
}

awaitable<core::summary> digest_service::compute_summary(core::paper paper, std::string language, store::summary_key key) {
    auto s = co_await summarize::summarize_guarded(llm_, paper, language, metrics_);
    // Fallbacks are not cached: the next digest or request gets another chance at the LLM.
    if (s.note.empty() && s.model == key.model && !s.text.empty()) {
        auto save = [key, text = s.text](store::store& st) { st.save_summary(key, text); };
        co_await db_.run(save);
    }
    co_return s;
}

awaitable<result<core::digest_entry>> digest_service::paper(std::string arxiv_id, std::string language) {
    std::vector<std::string> ids{arxiv_id};
    auto found = co_await arxiv_.fetch_ids(std::move(ids));
    if (!found) {
        spdlog::warn("arXiv lookup of {} failed: {}", arxiv_id, found.err().message);
        co_return error{"arXiv did not answer; try again in a few minutes"};
    }
    if (found->empty()) co_return error{"arXiv has no paper " + arxiv_id};
    core::digest_entry entry{0, std::move(found->front()), {}, 0};
    entry.summary = co_await summary_for(entry.paper, language);
    co_return entry;
}

}  // namespace paperboy::digest
