// `paperboy harvest [--date D] [--profile P]`: the merged, ranked candidates as JSON lines on
// stdout; failed sources and the reason for an empty day on stderr.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <spdlog/spdlog.h>

#include <future>
#include <iostream>

#include "commands.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/harvest/harvester.hpp"
#include "paperboy/harvest/paper_json.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/store/store.hpp"

namespace paperboy::app {

namespace asio = boost::asio;

namespace {

const pipeline::profile* find_profile(const config::config& cfg, const boost::program_options::variables_map& args) {
    const std::string name = args.count("profile") ? args["profile"].as<std::string>() : cfg.default_profile;
    auto it = cfg.profiles.find(name);
    return it == cfg.profiles.end() ? nullptr : &it->second;
}

}  // namespace

int harvest_command(const config::config& cfg, const boost::program_options::variables_map& args) {
    const std::string date_text = args.count("date") ? args["date"].as<std::string>() : "today";
    const auto day = parse_day(date_text, cfg.time_zone);
    if (!day) {
        std::cerr << "paperboy harvest: --date expects YYYY-MM-DD, today or yesterday, got \"" << date_text << "\"\n";
        return 2;
    }
    const auto* profile = find_profile(cfg, args);
    if (!profile) {
        std::cerr << "paperboy harvest: no profile named \"" << args["profile"].as<std::string>() << "\"\n";
        return 2;
    }
    auto store = store::open_store(cfg.database.url);
    store->migrate();
    auto posted = store->posted_papers(profile->name, core::format_ymd(*day));

    asio::io_context ioc;
    metrics::registry metrics;
    net::http_client http(ioc.get_executor(), cfg, metrics,
                          net::proxy_settings::from_environment(config::process_environment()));
    auto secret = [](const std::optional<config::secret>& s) {
        return s ? std::optional<std::string>(s->reveal()) : std::nullopt;
    };
    sources::arxiv_client arxiv(http, cfg.upstream("arxiv").base_url);
    sources::huggingface_client hf(http, cfg.upstream("huggingface").base_url, secret(cfg.secret.hf_token));
    sources::semantic_scholar_client s2(http, cfg.upstream("semantic_scholar").base_url,
                                        secret(cfg.secret.semantic_scholar_api_key));
    harvest::harvester harvester(arxiv, hf, s2, metrics, cfg.time_zone);

    auto done = asio::co_spawn(ioc, harvester.harvest(*day, *profile, std::move(posted)), asio::use_future);
    ioc.run();
    const auto result = done.get();

    for (const auto& s : result.sources) {
        if (!s.ok()) std::cerr << "warning: " << s.error << "\n";
    }
    int rank = 0;
    for (const auto& c : result.candidates)
        std::cout << harvest::candidate_json(c, ++rank, result.already_posted.count(c.paper.arxiv_id) > 0) << "\n";
    std::cerr << "harvest " << core::format_ymd(*day) << " (" << profile->name << "): " << result.harvested
              << " papers harvested, " << result.candidates.size() << " match the profile, "
              << result.fresh().size() << " new\n";
    if (!result.empty_reason.empty()) std::cerr << "nothing new: " << result.empty_reason << "\n";
    return result.all_sources_failed() ? 1 : 0;
}

}  // namespace paperboy::app
