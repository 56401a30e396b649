#include "paperboy/app/cli.hpp"

#include <boost/program_options.hpp>
#include <spdlog/spdlog.h>

#include <functional>
#include <iostream>

#include "commands.hpp"
#include "logging.hpp"

namespace paperboy::app {
namespace po = boost::program_options;

namespace {

constexpr int exit_ok = 0, exit_failure = 1, exit_usage = 2;

struct command {
    const char* name;
    const char* summary;
    const char* usage;
    std::function<void(po::options_description&)> add_options;
    std::function<int(const config::config&, const po::variables_map&)> run;
};

const std::vector<command>& commands() {
    static const std::vector<command> all = {
        {"serve", "run the server: webhooks, schedules, delivery, web archive", "paperboy serve [--config FILE]",
         [](po::options_description&) {}, serve_command},
        {"digest", "build (or reuse) a day's digest and print it",
         "paperboy digest [--date YYYY-MM-DD|today|yesterday] [--profile NAME] [--language LANG]\n"
         "                [--format markdown|html|json|text|slack|discord] [--sample] [--config FILE]",
         [](po::options_description& o) {
             o.add_options()("date", po::value<std::string>()->value_name("DAY"),
                             "digest day: YYYY-MM-DD, today or yesterday (default today, in time_zone)")(
                 "profile", po::value<std::string>()->value_name("NAME"), "profile (default: default_profile)")(
                 "language", po::value<std::string>()->value_name("LANG"),
                 "language of the summaries (default: the profile's)")(
                 "format", po::value<std::string>()->value_name("FORMAT"),
                 "markdown (default), html, json, text, slack or discord")(
                 "sample", "the bundled offline sample day: no network, no keys (extractive summaries)");
         },
         digest_command},
        {"paper", "one paper's full summary by arXiv id (fetched from arXiv)",
         "paperboy paper ARXIV_ID [--language LANG] [--format markdown|html|json|text|slack|discord]",
         [](po::options_description& o) {
             o.add_options()("id", po::value<std::string>()->value_name("ARXIV_ID"),
                             "the paper: 2602.10693, arXiv:2602.10693v2 or an arxiv.org URL")(
                 "language", po::value<std::string>()->value_name("LANG"), "language of the summary")(
                 "format", po::value<std::string>()->value_name("FORMAT"),
                 "markdown (default), html, json, text, slack or discord");
         },
         paper_command},
        {"harvest", "print the day's merged, ranked candidate papers as JSON lines",
         "paperboy harvest [--date YYYY-MM-DD|today|yesterday] [--profile NAME] [--config FILE]",
         [](po::options_description& o) {
             o.add_options()("date", po::value<std::string>()->value_name("DAY"),
                             "digest day: YYYY-MM-DD, today or yesterday (default today, in time_zone)")(
                 "profile", po::value<std::string>()->value_name("NAME"), "profile (default: default_profile)");
         },
         harvest_command},
        {"migrate", "create or upgrade the database schema and exit", "paperboy migrate [--config FILE]",
         [](po::options_description&) {}, migrate_command},
        {"subscriptions", "scheduled digests: list (with each next run), add, remove",
         "paperboy subscriptions list\n"
         "       paperboy subscriptions add --channel ID [--platform slack|discord] [--workspace ID] [--time HH:MM]\n"
         "                [--time-zone ZONE] [--weekdays mon-fri|daily|mon,wed,fri] [--language LANG]\n"
         "                [--profile NAME] [--quiet-empty-days]\n"
         "       paperboy subscriptions remove --channel ID [--platform slack|discord] [--workspace ID]",
         [](po::options_description& o) {
             o.add_options()("action", po::value<std::string>()->value_name("ACTION"), "list (default), add or remove")(
                 "platform", po::value<std::string>()->value_name("NAME"), "slack (default) or discord")(
                 "workspace", po::value<std::string>()->value_name("ID"), "Slack team id or Discord guild id (optional)")(
                 "channel", po::value<std::string>()->value_name("ID"), "the channel's id")(
                 "time", po::value<std::string>()->value_name("HH:MM"), "local time of the digest (default 08:00)")(
                 "time-zone", po::value<std::string>()->value_name("ZONE"),
                 "IANA time zone (default: the configured time_zone)")(
                 "weekdays", po::value<std::string>()->value_name("DAYS"), "mon-fri (default), daily, or mon,wed,fri")(
                 "language", po::value<std::string>()->value_name("LANG"), "summary language (default: the channel's)")(
                 "profile", po::value<std::string>()->value_name("NAME"), "profile (default: the channel's)")(
                 "quiet-empty-days", "post nothing on a day with nothing new");
         },
         subscriptions_command},
        {"discord", "Discord: register the /papers application command",
         "paperboy discord register-commands [--guild ID]",
         [](po::options_description& o) {
             o.add_options()("action", po::value<std::string>()->value_name("ACTION"), "register-commands")(
                 "guild", po::value<std::string>()->value_name("ID"),
                 "register in this guild only (shows at once; global commands take up to an hour)");
         },
         discord_command},
    };
    return all;
}

po::options_description common_options() {
    po::options_description opts("Options");
    opts.add_options()("config", po::value<std::string>()->value_name("FILE"),
                       "JSON configuration file (default: $PAPERBOY_CONFIG, else built-in defaults)")(
        "help,h", "show this help");
    return opts;
}

void print_help(std::ostream& out) {
    out << "paperboy " << PAPERBOY_VERSION << " - a daily digest of notable LLM research papers for team chat\n\n"
        << "Usage: paperboy [--config FILE] COMMAND [options]\n\nCommands:\n";
    for (const auto& c : commands()) {
        const std::size_t len = std::strlen(c.name);
        out << "  " << c.name << std::string(len < 15 ? 15 - len : 1, ' ') << c.summary << "\n";
    }
    out << "\nOptions:\n"
        << "  --config FILE    JSON configuration file (default: $PAPERBOY_CONFIG, else built-in defaults)\n"
        << "  --help           show this help; `paperboy COMMAND --help` for a command's options\n"
        << "  --version        print the version\n\n"
        << "Environment variables override the file (see README.md and config/README.md).\n"
        << "Exit status: 0 success, 1 failure at run time, 2 usage or configuration error.\n";
}

}  // namespace

int run_cli(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // The command is the first argument that is neither an option nor the value of --config.
    std::optional<std::size_t> command_at;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config") {
            ++i;
            continue;
        }
        if (!args[i].starts_with("-")) {
            command_at = i;
            break;
        }
    }
    if (!command_at) {
        for (const auto& a : args) {
            if (a == "--version") {
                std::cout << "paperboy " << PAPERBOY_VERSION << "\n";
                return exit_ok;
            }
            if (a == "--help" || a == "-h") {
                print_help(std::cout);
                return exit_ok;
            }
        }
        print_help(std::cerr);
        return exit_usage;
    }
    const std::string name = args[*command_at];
    if (name == "help") {
        print_help(std::cout);
        return exit_ok;
    }
    auto it = std::find_if(commands().begin(), commands().end(), [&](const command& c) { return name == c.name; });
    if (it == commands().end()) {
        std::cerr << "paperboy: unknown command '" << name << "'\n\n";
        print_help(std::cerr);
        return exit_usage;
    }
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(*command_at));

    auto opts = common_options();
    it->add_options(opts);
    po::variables_map vm;
    try {
        po::positional_options_description positional;  // `paperboy paper 2602.10693`
        if (opts.find_nothrow("id", false)) positional.add("id", 1);
        if (opts.find_nothrow("action", false)) positional.add("action", 1);  // `paperboy subscriptions list`
        po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "paperboy " << name << ": " << e.what() << "\n\nUsage: " << it->usage << "\n" << opts;
        return exit_usage;
    }
    if (vm.count("help")) {
        std::cout << "paperboy " << name << ": " << it->summary << "\n\nUsage: " << it->usage << "\n\n" << opts;
        return exit_ok;
    }

    config::config cfg;
    try {
        std::optional<std::string> file;
        if (vm.count("config")) file = vm["config"].as<std::string>();
        cfg = config::load(file, config::process_environment());
    } catch (const config::config_error& e) {
        std::cerr << "paperboy: configuration error: " << e.what() << "\n";
        return exit_usage;
    }
    setup_logging(cfg.log);
    try {
        return it->run(cfg, vm);
    } catch (const std::exception& e) {
        spdlog::critical("{} failed: {}", name, e.what());
        return exit_failure;
    }
}

}  // namespace paperboy::app
