#pragma once
// A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
// exposition format. Thread-safe; every call takes one mutex, which is cheap next to any I/O it counts.
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperboy::metrics {

using labels = std::vector<std::pair<std::string, std::string>>;

class registry {
public:
    // Declares a family once (help text and type); calls for undeclared families declare them untyped.
    void describe_counter(std::string name, std::string help);
    void describe_gauge(std::string name, std::string help);
    void describe_histogram(std::string name, std::string help, std::vector<double> buckets);

    void add(std::string_view name, const labels& l, double value = 1.0);  // counter
    void set(std::string_view name, const labels& l, double value);       // gauge
    void observe(std::string_view name, const labels& l, double value);   // histogram

    // Value of one counter or gauge series (0 when absent): for tests and health checks.
    double value(std::string_view name, const labels& l) const;
    // Number of observations of one histogram series.
    std::uint64_t count(std::string_view name, const labels& l) const;

    std::string render() const;

    static std::vector<double> default_latency_buckets();

private:
    struct series {
        double value = 0;                  // counter or gauge
        std::vector<std::uint64_t> counts;  // histogram: one per bucket
        std::uint64_t count = 0;
        double sum = 0;
    };
    struct family {
        std::string type = "untyped";
        std::string help;
        std::vector<double> buckets;
        std::map<std::string, series, std::less<>> by_labels;  // key: rendered label set
    };

    family& family_for(std::string_view name, std::string_view type);
    static series& series_for(family& f, const std::string& key);
    static void render_labels(const labels& l, std::string& out);
    static std::string& scratch_key(const labels& l);

    mutable std::mutex mutex_;
    std::map<std::string, family, std::less<>> families_;
};

}  // namespace paperboy::metrics
