// `paperboy digest` and `paperboy paper`: build (or reuse) and print.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <unistd.h>

#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "paperboy/core/arxiv_id.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/harvest/harvester.hpp"
#include "sample.hpp"
#include "paperboy/app/services.hpp"
#include "paperboy/core/clock.hpp"

namespace paperboy::app {

namespace asio = boost::asio;
namespace po = boost::program_options;

namespace {

std::string option(const po::variables_map& args, const char* name, std::string fallback) {
    return args.count(name) ? args[name].as<std::string>() : std::move(fallback);
}

// Runs one coroutine on a fresh io_context and returns its value.
template <class T>
T run_to_completion(asio::io_context& ioc, asio::awaitable<T> work) {
    auto done = asio::co_spawn(ioc, std::move(work), asio::use_future);
    ioc.run();
    return done.get();
}

void show_progress(int done, int total) {
    std::cerr << "\rsummarizing " << done << "/" << total << (done == total ? "\n" : "") << std::flush;
}

}  // namespace

std::optional<std::chrono::sys_days> parse_day(const std::string& text, const std::string& time_zone) {
    const auto today = harvest::today(time_zone, core::clock::system().now());
    if (text == "today") return today;
    if (text == "yesterday") return today - std::chrono::days(1);
    return core::parse_ymd(text);
}

const pipeline::profile* profile_option(const config::config& cfg, const po::variables_map& args) {
    auto it = cfg.profiles.find(option(args, "profile", cfg.default_profile));
    return it == cfg.profiles.end() ? nullptr : &it->second;
}

int digest_command(const config::config& cfg, const po::variables_map& args) {
    const auto format = parse_format(option(args, "format", "markdown"));
    if (!format) {
        std::cerr << "paperboy digest: --format expects markdown, html, json, text, slack or discord\n";
        return 2;
    }
    const auto* found = profile_option(cfg, args);
    if (!found) {
        std::cerr << "paperboy digest: no profile named \"" << option(args, "profile", "") << "\"\n";
        return 2;
    }
    const auto& profile = *found;
    const std::string language = option(args, "language", profile.language);
    if (args.count("sample")) {
        if (args.count("date")) {
            std::cerr << "paperboy digest: --sample is a fixed day (" << sample_day_text() << "); drop --date\n";
            return 2;
        }
        std::cout << render_digest(sample_digest(profile, language), *format);
        return 0;
    }
    const auto day = parse_day(option(args, "date", "today"), cfg.time_zone);
    if (!day) {
        std::cerr << "paperboy digest: --date expects YYYY-MM-DD, today or yesterday\n";
        return 2;
    }
    asio::io_context ioc;
    metrics::registry metrics;
    services s(cfg, ioc, metrics);
    if (::isatty(STDERR_FILENO)) s.digests.on_progress(show_progress);
    auto built = run_to_completion(ioc, s.digests.get_or_build(*day, profile, language));
    if (!built) {
        std::cerr << "paperboy digest: " << built.err().message << "\n";
        return 1;
    }
    for (const auto& w : built->source_warnings) std::cerr << "warning: " << w << "\n";
    std::cout << render_digest(*built, *format);
    const bool all_failed = built->entries.empty() && built->empty_reason.starts_with(harvest::all_sources_failed_reason);
    return all_failed ? 1 : 0;
}

int paper_command(const config::config& cfg, const po::variables_map& args) {
    const auto format = parse_format(option(args, "format", "markdown"));
    if (!format) {
        std::cerr << "paperboy paper: --format expects markdown, html, json, text, slack or discord\n";
        return 2;
    }
    const auto id = core::parse_arxiv_id(option(args, "id", ""));
    if (!id) {
        std::cerr << "paperboy paper: expected an arXiv id such as 2602.10693 or an arxiv.org URL\n";
        return 2;
    }
    const std::string language = option(args, "language", cfg.profiles.at(cfg.default_profile).language);
    asio::io_context ioc;
    metrics::registry metrics;
    services s(cfg, ioc, metrics);
    auto entry = run_to_completion(ioc, s.digests.paper(id->id, language));
    if (!entry) {
        std::cerr << "paperboy paper: " << entry.err().message << "\n";
        return 1;
    }
    core::digest context;
    context.date = harvest::today(cfg.time_zone, core::clock::system().now());
    context.profile = cfg.default_profile;
    context.language = language;
    std::cout << render_entry(*entry, context, *format);
    return 0;
}

}  // namespace paperboy::app
