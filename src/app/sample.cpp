#include "sample.hpp"

#include <string_view>

#include "paperboy/core/time.hpp"
#include "paperboy/pipeline/merge.hpp"
#include "paperboy/pipeline/rank.hpp"
#include "paperboy/sources/huggingface/daily_papers.hpp"
#include "paperboy/summarize/extractive.hpp"

namespace paperboy::embedded {
extern const std::string_view sample_hf_daily_papers;
}

namespace paperboy::app {
namespace {
// The papers were listed on Hugging Face on 2026-06-12: the digest of the morning after.
const std::chrono::sys_days sample_day = std::chrono::sys_days{std::chrono::year{2026} / 6 / 13};
}  // namespace

std::string sample_day_text() { return core::format_ymd(sample_day); }

core::digest sample_digest(const pipeline::profile& profile, const std::string& language) {
    auto papers = sources::huggingface::parse_daily_papers(embedded::sample_hf_daily_papers).value();
    auto ranked = pipeline::rank(profile, pipeline::merge({std::move(papers)}), sample_day);
    core::digest d;
    d.date = sample_day;
    d.profile = profile.name;
    d.language = language;
    int number = 0;
    for (auto& r : pipeline::select(std::move(ranked), profile.papers, {})) {
        core::summary s{summarize::extract_key_sentences(r.paper.abstract), language, "extractive", {}};
        d.entries.push_back(core::digest_entry{++number, std::move(r.paper), std::move(s), r.score});
    }
    if (d.entries.empty()) d.empty_reason = "no paper of the sample day matches profile " + profile.name;
    return d;
}

}  // namespace paperboy::app
