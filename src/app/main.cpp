#include "paperboy/app/cli.hpp"

int main(int argc, char** argv) { return paperboy::app::run_cli(argc, argv); }
