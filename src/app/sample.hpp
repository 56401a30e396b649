#pragma once
// The bundled offline sample day (config/sample/): a real Hugging Face Daily Papers day, compiled
// into the binary, run through the same filter, ranking and renderers with the extractive
// summarizer. No network, no keys, no database.
#include <string>

#include "paperboy/core/digest.hpp"
#include "paperboy/pipeline/profile.hpp"

namespace paperboy::app {

std::string sample_day_text();  // "2026-06-13"
core::digest sample_digest(const pipeline::profile& profile, const std::string& language);

}  // namespace paperboy::app
