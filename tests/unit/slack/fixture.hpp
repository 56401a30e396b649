#pragma once
// Reads the recorded Slack requests in shared/fixtures/real/slack/ (SOURCES.md).
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace paperboy::chat::slack::test {

inline std::string read_fixture(const std::string& name) {
    const std::string path = std::string(PAPERBOY_SHARED_FIXTURES) + "/slack/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open fixture " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace paperboy::chat::slack::test
