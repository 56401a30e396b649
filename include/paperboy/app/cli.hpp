#pragma once
// The command line (CONTRACT.md): `paperboy [--config FILE] COMMAND [options]`.
// Exit status: 0 success, 1 failure at run time, 2 usage or configuration error.

namespace paperboy::app {

int run_cli(int argc, char** argv);

}  // namespace paperboy::app
