#include "paperboy/pipeline/rank.hpp"

#include <algorithm>
#include <cmath>

#include "paperboy/pipeline/filter.hpp"

namespace paperboy::pipeline {
namespace {

using namespace std::chrono;

constexpr double count_scale = 100;        // 100 upvotes or citations already count as "a lot"
constexpr double recency_half_life = 3.0;  // days
constexpr int fresh_days = 1;              // a daily digest covers yesterday's submissions

double log_scaled(std::optional<int> count) {
    if (!count || *count <= 0) return 0;
    return std::min(1.0, std::log1p(*count) / std::log1p(count_scale));
}

double recency(const core::paper& p, sys_days digest_day) {
    std::optional<sys_days> day;
    if (p.published) day = floor<days>(*p.published);
    if (p.signals.hf_submitted_on && (!day || *p.signals.hf_submitted_on > *day)) day = p.signals.hf_submitted_on;
    if (!day) return 0;
    auto age = (digest_day - *day).count() - fresh_days;
    if (age <= 0) return 1;
    return std::pow(0.5, static_cast<double>(age) / recency_half_life);
}

double score(const profile& prof, const core::paper& p, sys_days digest_day) {
    const weights& w = prof.w;
    double total = std::max(0.0, w.upvotes) + std::max(0.0, w.citations) + std::max(0.0, w.recency) +
                   std::max(0.0, w.keyword);
    if (total <= 0) return 0;
    double sum = std::max(0.0, w.upvotes) * log_scaled(p.signals.hf_upvotes) +
                 std::max(0.0, w.citations) * log_scaled(p.signals.citations) +
                 std::max(0.0, w.recency) * recency(p, digest_day) +
                 std::max(0.0, w.keyword) * keyword_fit(prof, p);
    return sum / total;
}

}  // namespace

std::vector<ranked> rank(const profile& p, std::vector<core::paper> papers, sys_days digest_day) {
    std::vector<ranked> out;
    out.reserve(papers.size());
    for (auto& paper : papers) {
        if (!accepts(p, paper)) continue;
        double s = score(p, paper, digest_day);
        out.push_back({std::move(paper), s});
    }
    std::sort(out.begin(), out.end(), [](const ranked& a, const ranked& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.paper.arxiv_id < b.paper.arxiv_id;
    });
    return out;
}

std::vector<ranked> select(std::vector<ranked> candidates, int n, const std::set<std::string>& already_posted) {
    std::vector<ranked> out;
    std::set<std::string> taken;
    for (auto& c : candidates) {
        if (static_cast<int>(out.size()) >= n) break;
        if (already_posted.count(c.paper.arxiv_id) || !taken.insert(c.paper.arxiv_id).second) continue;
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace paperboy::pipeline
