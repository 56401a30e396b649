#include "services.hpp"

#include "paperboy/summarize/factory.hpp"

namespace paperboy::app {
namespace {

std::optional<std::string> reveal(const std::optional<config::secret>& s) {
    return s ? std::optional<std::string>(s->reveal()) : std::nullopt;
}

std::unique_ptr<store::store> migrated_store(const config::config& cfg) {
    auto s = store::open_store(cfg.database.url);
    s->migrate();
    return s;
}

}  // namespace

services::services(const config::config& c, boost::asio::io_context& ioc, metrics::registry& m)
    : cfg(c), metrics(m), db(migrated_store(c), c.database.workers),
      http(ioc.get_executor(), c, m, net::proxy_settings::from_environment(config::process_environment())),
      arxiv(http, c.upstream("arxiv").base_url),
      huggingface(http, c.upstream("huggingface").base_url, reveal(c.secret.hf_token)),
      semantic_scholar(http, c.upstream("semantic_scholar").base_url, reveal(c.secret.semantic_scholar_api_key)),
      harvester(arxiv, huggingface, semantic_scholar, m, c.time_zone),
      llm(summarize::make_summarizer(c, http, m,
                                     c.summarizer.prompts_dir.empty()
                                         ? std::nullopt
                                         : std::optional<std::filesystem::path>(c.summarizer.prompts_dir))),
      digests(ioc.get_executor(), db, harvester, arxiv, *llm, m, c.summarizer.concurrency) {}

}  // namespace paperboy::app
