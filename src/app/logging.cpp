#include "logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "paperboy/net/http.hpp"

namespace paperboy::app {
namespace {

// {"ts":"2026-11-29T03:48:44.123Z","level":"info","msg":"..."}
class json_formatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
        using namespace std::chrono;
        const auto t = msg.time;
        const auto secs = time_point_cast<seconds>(t);
        const auto ms = duration_cast<milliseconds>(t - secs).count();
        const std::time_t tt = system_clock::to_time_t(secs);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        char stamp[96];
        std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
        const auto level = spdlog::level::to_string_view(msg.level);
        std::string line = std::string("{\"ts\":\"") + stamp + "\",\"level\":\"" +
                           std::string(level.data(), level.size()) + "\",\"msg\":\"" +
                           net::json_escape(std::string_view(msg.payload.data(), msg.payload.size())) + "\"}\n";
        dest.append(line.data(), line.data() + line.size());
    }
    std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<json_formatter>(); }
};

}  // namespace

void setup_logging(const config::log_config& cfg) {
    auto logger = std::make_shared<spdlog::logger>("paperboy", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    if (cfg.format == "json")
        logger->set_formatter(std::make_unique<json_formatter>());
    else
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ %v");
    logger->set_level(spdlog::level::from_str(cfg.level));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

}  // namespace paperboy::app
