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
#include "paperboy/app/services.hpp"

namespace paperboy::app {

namespace asio = boost::asio;

int harvest_command(const config::config& cfg, const boost::program_options::variables_map& args) {
    const std::string date_text = args.count("date") ? args["date"].as<std::string>() : "today";
    const auto day = parse_day(date_text, cfg.time_zone);
    if (!day) {
        std::cerr << "paperboy harvest: --date expects YYYY-MM-DD, today or yesterday, got \"" << date_text << "\"\n";
        return 2;
    }
    const auto* profile = profile_option(cfg, args);
    if (!profile) {
        std::cerr << "paperboy harvest: no profile named \"" << args["profile"].as<std::string>() << "\"\n";
        return 2;
    }
    asio::io_context ioc;
    metrics::registry metrics;
    services s(cfg, ioc, metrics);
    auto posted = s.db.direct().posted_papers(profile->name, core::format_ymd(*day));
    auto done = asio::co_spawn(ioc, s.harvester.harvest(*day, *profile, std::move(posted)), asio::use_future);
    ioc.run();
    const auto result = done.get();

    for (const auto& source : result.sources) {
        if (!source.ok()) std::cerr << "warning: " << source.error << "\n";
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
