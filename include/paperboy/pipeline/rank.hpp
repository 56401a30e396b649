#pragma once
// Scoring and choosing the papers of one digest.
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/pipeline/profile.hpp"

namespace paperboy::pipeline {

struct ranked {
    core::paper paper;
    double score = 0;  // in [0, 1]
};

// Keeps the papers accepts() lets through and scores each as the weighted mean (profile.w) of
//   upvotes   log(1 + hf_upvotes) / log(1 + 100), capped at 1
//   citations log(1 + citations) / log(1 + 100), capped at 1
//   recency   1 for papers from digest_day or the day before, halving every 3 days after that;
//             the paper's day is the later of published and hf_submitted_on; 0 when neither is known
//   keyword   keyword_fit()
// Sorted by score, highest first; equal scores by arxiv_id so the order is deterministic.
std::vector<ranked> rank(const profile& p, std::vector<core::paper> papers, std::chrono::sys_days digest_day);

// The first n papers of `candidates` (in their order) whose id is not in already_posted and not
// repeated; fewer when there are not enough.
std::vector<ranked> select(std::vector<ranked> candidates, int n, const std::set<std::string>& already_posted);

}  // namespace paperboy::pipeline
