#pragma once
// Builds the configured summarizer: cfg.summarizer.kind "anthropic" (needs ANTHROPIC_API_KEY),
// "openai" (key optional: local servers), "extractive"; empty picks by the keys present, as
// config::apply_environment does. The model is cfg.summarizer.model, else the provider's default.
#include <filesystem>
#include <memory>
#include <optional>

#include "paperboy/config/config.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::net {
class http_client;
}
namespace paperboy::metrics {
class registry;
}

namespace paperboy::summarize {

// Throws config::config_error for an unknown kind or a missing Anthropic key. `prompt_dir`
// overrides the built-in prompt templates per language (see prompts.hpp).
std::unique_ptr<summarizer> make_summarizer(const config::config& cfg, net::http_client& http,
                                            metrics::registry& metrics,
                                            const std::optional<std::filesystem::path>& prompt_dir = std::nullopt);

}  // namespace paperboy::summarize
