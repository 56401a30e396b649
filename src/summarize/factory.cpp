#include "paperboy/summarize/factory.hpp"

#include "paperboy/summarize/anthropic.hpp"
#include "paperboy/summarize/extractive.hpp"
#include "paperboy/summarize/openai.hpp"

namespace paperboy::summarize {

std::unique_ptr<summarizer> make_summarizer(const config::config& cfg, net::http_client& http,
                                            metrics::registry& metrics,
                                            const std::optional<std::filesystem::path>& prompt_dir) {
    const auto& s = cfg.secret;
    std::string kind = cfg.summarizer.kind;
    if (kind.empty()) kind = s.anthropic_api_key ? "anthropic" : s.openai_api_key ? "openai" : "extractive";
    if (kind == "extractive") return std::make_unique<extractive_summarizer>();
    if (kind != "anthropic" && kind != "openai")
        throw config::config_error("summarizer.kind: expected anthropic, openai or extractive, got \"" + kind + "\"");

    prompt_library prompts = prompt_dir ? prompt_library(*prompt_dir) : prompt_library();
    const std::string& model = cfg.summarizer.model;
    if (kind == "anthropic") {
        if (!s.anthropic_api_key || s.anthropic_api_key->empty())
            throw config::config_error("summarizer.kind: anthropic needs ANTHROPIC_API_KEY");
        return std::make_unique<anthropic_summarizer>(http, cfg.upstream("anthropic").base_url, *s.anthropic_api_key,
                                                      model.empty() ? "claude-sonnet-4-5" : model, std::move(prompts),
                                                      metrics);
    }
    return std::make_unique<openai_summarizer>(http, cfg.upstream("openai").base_url,
                                               s.openai_api_key.value_or(config::secret{}),
                                               model.empty() ? "gpt-4o-mini" : model, std::move(prompts), metrics);
}

}  // namespace paperboy::summarize
