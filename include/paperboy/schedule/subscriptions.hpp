#pragma once
// Subscriptions as chat, the CLI and the configuration make them: checked, given their next fire
// time, saved without losing a run that is due (a restart or a repeated `subscribe` with the same
// time keeps it).
#include <chrono>
#include <string>

#include "paperboy/store/store.hpp"

namespace paperboy::schedule {

// What is wrong with the subscription's time, zone or weekdays, in a sentence; empty when nothing.
std::string problem_with(const store::subscription& s);

// Sets next_run_at / next_local_date to the first fire after `now`. Throws std::runtime_error when
// problem_with(s) is not empty.
void plan_next(store::subscription& s, std::chrono::system_clock::time_point now);

// Whether a and b fire at the same moments (time, zone, weekdays).
bool same_timing(const store::subscription& a, const store::subscription& b);

// Whether a and b schedule the same channel: same platform and channel, and the same workspace or
// one of them without (as store::load_subscription matches).
bool same_place(const store::subscription& a, const store::subscription& b);

// Removes the channel's subscription (load_subscription's match); false when it had none.
bool remove(store::store& st, const std::string& platform, const std::string& workspace, const std::string& channel);

// Saves `s` (its id and next run are filled in) in place of the channel's subscription, if any: one
// with the same timing keeps its stored next run, so a run already due is not lost. Throws like
// plan_next.
store::subscription save(store::store& st, store::subscription s, std::chrono::system_clock::time_point now);

// claim_schedule_runs' `advance`: the run to create for a due subscription (the latest fire at or
// before now, so a server down for days runs once, not once per missed day) and its next fire.
store::schedule_slot advance(const store::subscription& s, std::int64_t now_ms);

// The next run as people read it: "2026-12-03 08:00 JST (2026-12-02 23:00 UTC)".
std::string describe_next_run(const store::subscription& s);

}  // namespace paperboy::schedule
