#pragma once
// One function per CLI command; each gets the loaded configuration and returns the exit status.
#include <boost/program_options/variables_map.hpp>

#include <chrono>
#include <optional>

#include "paperboy/config/config.hpp"

namespace paperboy::app {

// "YYYY-MM-DD", "today" or "yesterday" in `time_zone`.
std::optional<std::chrono::sys_days> parse_day(const std::string& text, const std::string& time_zone);

// The profile named by --profile, else the default one; nullptr when there is no such profile.
const pipeline::profile* profile_option(const config::config& cfg, const boost::program_options::variables_map& args);

int digest_command(const config::config& cfg, const boost::program_options::variables_map& args);
int paper_command(const config::config& cfg, const boost::program_options::variables_map& args);
int serve_command(const config::config& cfg, const boost::program_options::variables_map& args);
int harvest_command(const config::config& cfg, const boost::program_options::variables_map& args);
int subscriptions_command(const config::config& cfg, const boost::program_options::variables_map& args);
int discord_command(const config::config& cfg, const boost::program_options::variables_map& args);
int migrate_command(const config::config& cfg, const boost::program_options::variables_map& args);

}  // namespace paperboy::app
