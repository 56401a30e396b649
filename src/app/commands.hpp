#pragma once
// One function per CLI command; each gets the loaded configuration and returns the exit status.
#include <boost/program_options/variables_map.hpp>

#include "paperboy/config/config.hpp"

namespace paperboy::app {

int serve_command(const config::config& cfg, const boost::program_options::variables_map& args);
int harvest_command(const config::config& cfg, const boost::program_options::variables_map& args);
int migrate_command(const config::config& cfg, const boost::program_options::variables_map& args);

}  // namespace paperboy::app
