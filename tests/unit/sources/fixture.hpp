#pragma once
// Test helpers: reading recorded responses (PAPERBOY_SHARED_FIXTURES) and printing values.
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/test/tools/detail/print_helper.hpp>

#include "paperboy/core/time.hpp"

// Lets BOOST_TEST print std::optional operands (ADL cannot find an operator<< for std types).
namespace boost::test_tools::tt_detail {
template <class T>
struct print_log_value<std::optional<T>> {
    void operator()(std::ostream& os, const std::optional<T>& v) {
        if (v) print_log_value<T>()(os, *v);
        else os << "nullopt";
    }
};
}  // namespace boost::test_tools::tt_detail

namespace paperboy::test {

inline std::string read_fixture(const std::string& relative) {
    std::ifstream in(std::string(PAPERBOY_SHARED_FIXTURES) + "/" + relative, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open fixture " + relative);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// "2022-02-24T15:05:19Z", or "-" when absent.
inline std::string iso(const std::optional<std::chrono::sys_seconds>& t) {
    return t ? core::format_rfc3339(*t) : "-";
}

inline std::string iso(const std::optional<std::chrono::sys_days>& d) { return d ? core::format_ymd(*d) : "-"; }

}  // namespace paperboy::test
