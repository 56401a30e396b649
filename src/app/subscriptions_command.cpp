// `paperboy subscriptions list|add|remove`: scheduled digests managed from the command line, on
// the same store `serve` uses (a running server picks changes up at its next poll).

#include <iomanip>
#include <iostream>

#include "commands.hpp"
#include "paperboy/schedule/subscriptions.hpp"
#include "paperboy/schedule/timing.hpp"
#include "paperboy/store/store.hpp"

namespace paperboy::app {

namespace {

constexpr int exit_failure = 1, exit_usage = 2;

std::string option(const boost::program_options::variables_map& args, const char* name, std::string fallback = {}) {
    return args.count(name) ? args[name].as<std::string>() : fallback;
}

int list(store::store& st) {
    const auto subs = st.list_subscriptions();
    if (subs.empty()) {
        std::cout << "no subscriptions (add one with `paperboy subscriptions add --channel ID` or `/papers subscribe`)\n";
        return 0;
    }
    std::cout << std::left << std::setw(4) << "id" << std::setw(9) << "platform" << std::setw(24) << "channel"
              << std::setw(7) << "time" << std::setw(22) << "time zone" << std::setw(9) << "days" << std::setw(6)
              << "lang" << std::setw(8) << "origin" << "next run (local, UTC)\n";
    for (const auto& s : subs) {
        const std::string channel = s.workspace.empty() ? s.channel : s.workspace + "/" + s.channel;
        std::cout << std::left << std::setw(4) << s.id << std::setw(9) << s.platform << std::setw(24) << channel
                  << std::setw(7) << s.time << std::setw(22) << s.time_zone << std::setw(9)
                  << schedule::format_weekdays(s.weekdays) << std::setw(6) << (s.language.empty() ? "-" : s.language)
                  << std::setw(8) << s.origin << schedule::describe_next_run(s) << "\n";
    }
    return 0;
}

int add(const config::config& cfg, store::store& st, const boost::program_options::variables_map& args) {
    store::subscription s;
    s.platform = option(args, "platform", "slack");
    s.workspace = option(args, "workspace");
    s.channel = option(args, "channel");
    s.time = option(args, "time", "08:00");
    s.time_zone = option(args, "time-zone", cfg.time_zone);
    s.language = option(args, "language");
    s.profile = option(args, "profile");
    s.quiet_empty_days = args.count("quiet-empty-days") > 0;
    s.origin = "cli";
    const std::string days = option(args, "weekdays", "mon-fri");
    if (s.platform != "slack" && s.platform != "discord") {
        std::cerr << "paperboy subscriptions add: --platform is slack or discord, not " << s.platform << "\n";
        return exit_usage;
    }
    if (s.channel.empty()) {
        std::cerr << "paperboy subscriptions add: --channel ID is required\n";
        return exit_usage;
    }
    if (!s.profile.empty() && !cfg.profiles.count(s.profile)) {
        std::cerr << "paperboy subscriptions add: no profile named " << s.profile << "\n";
        return exit_usage;
    }
    auto weekdays = schedule::parse_weekdays(days);
    if (!weekdays) {
        std::cerr << "paperboy subscriptions add: --weekdays is mon-fri, daily or a list such as mon,wed,fri; not "
                  << days << "\n";
        return exit_usage;
    }
    s.weekdays = *weekdays;
    if (auto problem = schedule::problem_with(s); !problem.empty()) {
        std::cerr << "paperboy subscriptions add: " << problem << "\n";
        return exit_usage;
    }
    const auto saved = schedule::save(st, s, std::chrono::system_clock::now());
    std::cout << "subscription " << saved.id << ": " << saved.platform << " " << saved.channel << " at " << saved.time
              << " " << saved.time_zone << " (" << schedule::format_weekdays(saved.weekdays) << "); next run "
              << schedule::describe_next_run(saved) << "\n";
    return 0;
}

int remove(store::store& st, const boost::program_options::variables_map& args) {
    const std::string platform = option(args, "platform", "slack"), channel = option(args, "channel");
    if (channel.empty()) {
        std::cerr << "paperboy subscriptions remove: --channel ID is required\n";
        return exit_usage;
    }
    if (!schedule::remove(st, platform, option(args, "workspace"), channel)) {
        std::cerr << "paperboy subscriptions remove: no subscription for " << platform << " " << channel << "\n";
        return exit_failure;
    }
    std::cout << "removed the subscription of " << platform << " " << channel << "\n";
    return 0;
}

}  // namespace

int subscriptions_command(const config::config& cfg, const boost::program_options::variables_map& args) {
    const std::string action = option(args, "action", "list");
    if (action != "list" && action != "add" && action != "remove") {
        std::cerr << "paperboy subscriptions: expected list, add or remove, not " << action << "\n";
        return exit_usage;
    }
    auto st = store::open_store(cfg.database.url);
    st->migrate();
    if (action == "list") return list(*st);
    if (action == "add") return add(cfg, *st, args);
    return remove(*st, args);
}

}  // namespace paperboy::app
