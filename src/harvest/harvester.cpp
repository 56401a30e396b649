#include "paperboy/harvest/harvester.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <spdlog/spdlog.h>

#include "paperboy/core/time.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/pipeline/merge.hpp"

namespace paperboy::harvest {

using boost::asio::awaitable;
using sources::papers;

namespace {

// A source that throws (a bug, not an expected failure) must not take the other sources down.
awaitable<result<papers>> guarded(awaitable<result<papers>> work, std::string source) {
    try {
        co_return co_await std::move(work);
    } catch (const boost::system::system_error& e) {
        if (e.code() == boost::asio::error::operation_aborted) throw;  // cancellation is not a source failure
        co_return error{source + ": unexpected failure: " + e.what()};
    } catch (const std::exception& e) {
        co_return error{source + ": unexpected failure: " + e.what()};
    }
}

awaitable<result<papers>> fetch_hf_days(sources::huggingface_client& hf, std::vector<std::chrono::sys_days> days) {
    papers out;
    for (auto d : days) {
        auto day = co_await hf.fetch_day(d);
        if (!day) co_return day.err();
        for (auto& p : *day) out.push_back(std::move(p));
    }
    co_return out;
}

std::string search_query(const pipeline::profile& p) {
    if (!p.strong_keywords.empty()) return p.strong_keywords.front();
    if (!p.include_keywords.empty()) return p.include_keywords.front();
    return p.name;
}

}  // namespace

bool harvest_result::all_sources_failed() const {
    return std::none_of(sources.begin(), sources.end(), [](const source_report& s) { return s.ok(); });
}

std::vector<pipeline::ranked> harvest_result::fresh() const {
    std::vector<pipeline::ranked> out;
    for (const auto& c : candidates)
        if (!already_posted.count(c.paper.arxiv_id)) out.push_back(c);
    return out;
}

awaitable<harvest_result> harvester::harvest(std::chrono::sys_days day, pipeline::profile profile,
                                             std::set<std::string> already_posted) {
    using namespace boost::asio::experimental::awaitable_operators;
    harvest_result out;
    out.window = window_for(day, profile.lookback_days, time_zone_);
    const auto& w = out.window;

    auto [from_arxiv, from_hf, from_s2] = co_await (
        guarded(arxiv_.fetch_window(profile.categories, w.arxiv_from, w.arxiv_to), "arxiv") &&
        guarded(fetch_hf_days(hf_, w.hf_days), "huggingface") &&
        guarded(s2_.search(search_query(profile), w.s2_from, w.s2_to), "semantic_scholar"));

    std::vector<papers> per_source;
    auto collect = [&](const char* name, result<papers>& r) {
        source_report report{name, 0, {}};
        if (r) {
            report.papers = r->size();
            per_source.push_back(std::move(*r));
        } else {
            report.error = r.err().message;
            metrics_.add("paperboy_source_errors_total", {{"source", name}});
            spdlog::warn("harvest {}: {} failed: {}", core::format_ymd(day), name, report.error);
        }
        metrics_.add("paperboy_source_papers_total", {{"source", name}}, static_cast<double>(report.papers));
        out.sources.push_back(std::move(report));
    };
    collect("arxiv", from_arxiv);
    collect("huggingface", from_hf);
    collect("semantic_scholar", from_s2);

    auto merged = pipeline::merge(std::move(per_source));
    std::vector<std::string> ids;
    for (const auto& p : merged)
        if (std::find(p.sources.begin(), p.sources.end(), "semantic_scholar") == p.sources.end())
            ids.push_back(p.arxiv_id);
    if (!ids.empty()) {
        auto counts = co_await guarded(s2_.lookup(std::move(ids)), "semantic_scholar");
        if (counts) {
            merged = pipeline::merge({std::move(merged), std::move(*counts)});
        } else {
            // Counts are a bonus: rank without them, but say so.
            auto& s2 = out.sources.back();
            s2.error += std::string(s2.error.empty() ? "" : "; ") + "lookup: " + counts.err().message;
            metrics_.add("paperboy_source_errors_total", {{"source", "semantic_scholar"}});
            spdlog::warn("harvest {}: semantic_scholar lookup failed: {}", core::format_ymd(day), counts.err().message);
        }
    }
    out.harvested = merged.size();
    out.candidates = pipeline::rank(profile, std::move(merged), day);
    for (const auto& c : out.candidates)
        if (already_posted.count(c.paper.arxiv_id)) out.already_posted.insert(c.paper.arxiv_id);

    if (out.fresh().empty()) {
        const std::string quiet = w.quiet_reason.empty() ? "" : "; " + w.quiet_reason;
        if (out.all_sources_failed()) {
            out.empty_reason = std::string(all_sources_failed_reason);
            // Names only: the errors (hosts, attempts) are in the log, not in what people read.
            for (const auto& s : out.sources) out.empty_reason += std::string(s.source == out.sources.front().source ? ": " : ", ") + public_name(s.source);
        } else if (!out.candidates.empty()) {
            out.empty_reason = "all " + std::to_string(out.candidates.size()) + " matching papers were in earlier " +
                               profile.name + " digests" + quiet;
        } else if (out.harvested == 0) {
            out.empty_reason = w.quiet_reason.empty() ? "the sources listed no papers for this day (an arXiv holiday?)"
                                                      : w.quiet_reason;
        } else {
            out.empty_reason = "none of the " + std::to_string(out.harvested) + " papers harvested matched profile " +
                               profile.name + quiet;
        }
    }
    co_return out;
}

std::string public_name(const std::string& source) {
    if (source == "arxiv") return "arXiv";
    if (source == "huggingface") return "Hugging Face";
    if (source == "semantic_scholar") return "Semantic Scholar";
    return source;
}

}  // namespace paperboy::harvest
