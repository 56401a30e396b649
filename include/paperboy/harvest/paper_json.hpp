#pragma once
// The JSON form of a harvested candidate: one line of `paperboy harvest`.
#include <string>

#include "paperboy/pipeline/rank.hpp"

namespace paperboy::harvest {

// {"rank":1,"arxiv_id":"2602.10693","version":"v1","score":0.71,"title":...,"authors":[...],
//  "published":"2026-02-11T...Z","primary_category":"cs.CL","categories":[...],"sources":[...],
//  "signals":{"hf_upvotes":..,"citations":..,...},"already_posted":false,"abs_url":...}
// Signals a source did not report are left out rather than written as 0.
std::string candidate_json(const pipeline::ranked& candidate, int rank, bool already_posted);

}  // namespace paperboy::harvest
