#pragma once
// One harvest: the three sources fetched in parallel for a digest day's window, merged by arXiv id,
// enriched with Semantic Scholar's counts, filtered and ranked for a profile. A failing source is
// reported (and counted in metrics) while the others still deliver; an empty result says why.
#include <boost/asio/awaitable.hpp>

#include <set>
#include <string>
#include <vector>

#include "paperboy/harvest/windows.hpp"
#include "paperboy/pipeline/profile.hpp"
#include "paperboy/pipeline/rank.hpp"
#include "paperboy/sources/clients.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::harvest {

// The start of harvest_result::empty_reason when no source delivered.
inline constexpr std::string_view all_sources_failed_reason = "every source failed";

// "arXiv", "Hugging Face", "Semantic Scholar": how a source is named where people read it.
std::string public_name(const std::string& source);

struct source_report {
    std::string source;  // arxiv | huggingface | semantic_scholar
    std::size_t papers = 0;
    std::string error;  // empty when the source delivered
    bool ok() const { return error.empty(); }
};

struct harvest_result {
    day_window window;
    std::vector<pipeline::ranked> candidates;  // accepted by the profile, best first
    std::set<std::string> already_posted;      // candidates' ids the profile's digests already carried
    std::vector<source_report> sources;
    std::size_t harvested = 0;  // distinct papers before the profile's filter
    std::string empty_reason;   // why there is nothing new, when there is nothing new
    bool all_sources_failed() const;
    // Candidates not carried before, best first.
    std::vector<pipeline::ranked> fresh() const;
};

class harvester {
public:
    harvester(sources::arxiv_client& arxiv, sources::huggingface_client& hf, sources::semantic_scholar_client& s2,
              metrics::registry& metrics, std::string time_zone)
        : arxiv_(arxiv), hf_(hf), s2_(s2), metrics_(metrics), time_zone_(std::move(time_zone)) {}

    boost::asio::awaitable<harvest_result> harvest(std::chrono::sys_days day, pipeline::profile profile,
                                                   std::set<std::string> already_posted);

private:
    sources::arxiv_client& arxiv_;
    sources::huggingface_client& hf_;
    sources::semantic_scholar_client& s2_;
    metrics::registry& metrics_;
    std::string time_zone_;
};

}  // namespace paperboy::harvest
