#pragma once
// Starts a program in the background for end-to-end tests: the process environment without any
// inherited PAPERBOY_* variable, plus `extra_env`; stdout to /dev/null, stderr to `stderr_path`.
#include <fcntl.h>
#include <spawn.h>

#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace paperboy::test {

// Returns the child's pid, or -1 when it could not be started.
inline pid_t spawn_with_env(const std::string& program, const std::vector<std::string>& args,
                            const std::vector<std::string>& extra_env, const std::string& stderr_path) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
        if (!std::string_view(*e).starts_with("PAPERBOY_")) env_strings.emplace_back(*e);
    env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings{program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

}  // namespace paperboy::test
