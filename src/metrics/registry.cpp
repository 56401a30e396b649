#include "paperboy/metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <charconv>

namespace paperboy::metrics {
namespace {

std::string format_number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;  // shortest form that reads back the same
    return std::string(buf, end);
}

// Inserts `extra` into an already rendered label set "{a="1"}".
std::string with_label(const std::string& rendered, const std::string& extra) {
    if (rendered.empty()) return "{" + extra + "}";
    return rendered.substr(0, rendered.size() - 1) + "," + extra + "}";
}

}  // namespace

std::vector<double> registry::default_latency_buckets() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
}

void registry::describe_counter(std::string name, std::string help) {
    std::lock_guard lock(mutex_);
    auto& f = families_[std::move(name)];
    f.type = "counter";
    f.help = std::move(help);
}

void registry::describe_gauge(std::string name, std::string help) {
    std::lock_guard lock(mutex_);
    auto& f = families_[std::move(name)];
    f.type = "gauge";
    f.help = std::move(help);
}

void registry::describe_histogram(std::string name, std::string help, std::vector<double> buckets) {
    std::lock_guard lock(mutex_);
    auto& f = families_[std::move(name)];
    f.type = "histogram";
    f.help = std::move(help);
    std::sort(buckets.begin(), buckets.end());
    f.buckets = std::move(buckets);
}

registry::family& registry::family_for(std::string_view name, std::string_view type) {
    auto it = families_.find(name);
    if (it == families_.end()) {
        it = families_.emplace(std::string(name), family{}).first;
        it->second.type = std::string(type);
        if (type == "histogram") it->second.buckets = default_latency_buckets();
    }
    return it->second;
}

void registry::render_labels(const labels& l, std::string& out) {
    out.clear();
    if (l.empty()) return;
    out += '{';
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (i) out += ',';
        out += l[i].first;
        out += "=\"";
        for (char c : l[i].second) {
            if (c == '\\') out += "\\\\";
            else if (c == '"') out += "\\\"";
            else if (c == '\n') out += "\\n";
            else out += c;
        }
        out += '"';
    }
    out += '}';
}

// Counting is on every request's path: the label key is rendered into a per-thread buffer and
// looked up without allocating; only a new series allocates.
std::string& registry::scratch_key(const labels& l) {
    thread_local std::string key;
    render_labels(l, key);
    return key;
}

registry::series& registry::series_for(family& f, const std::string& key) {
    auto it = f.by_labels.find(key);
    if (it == f.by_labels.end()) it = f.by_labels.emplace(key, series{}).first;
    return it->second;
}

void registry::add(std::string_view name, const labels& l, double value) {
    const auto& key = scratch_key(l);
    std::lock_guard lock(mutex_);
    series_for(family_for(name, "counter"), key).value += value;
}

void registry::set(std::string_view name, const labels& l, double value) {
    const auto& key = scratch_key(l);
    std::lock_guard lock(mutex_);
    series_for(family_for(name, "gauge"), key).value = value;
}

void registry::observe(std::string_view name, const labels& l, double value) {
    const auto& key = scratch_key(l);
    std::lock_guard lock(mutex_);
    auto& f = family_for(name, "histogram");
    auto& s = series_for(f, key);
    if (s.counts.size() != f.buckets.size()) s.counts.assign(f.buckets.size(), 0);
    auto bucket = std::lower_bound(f.buckets.begin(), f.buckets.end(), value);
    if (bucket != f.buckets.end()) ++s.counts[static_cast<std::size_t>(bucket - f.buckets.begin())];
    ++s.count;
    s.sum += value;
}

double registry::value(std::string_view name, const labels& l) const {
    std::lock_guard lock(mutex_);
    auto f = families_.find(name);
    if (f == families_.end()) return 0;
    auto s = f->second.by_labels.find(scratch_key(l));
    return s == f->second.by_labels.end() ? 0 : s->second.value;
}

std::uint64_t registry::count(std::string_view name, const labels& l) const {
    std::lock_guard lock(mutex_);
    auto f = families_.find(name);
    if (f == families_.end()) return 0;
    auto s = f->second.by_labels.find(scratch_key(l));
    return s == f->second.by_labels.end() ? 0 : s->second.count;
}

std::string registry::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, f] : families_) {
        if (!f.help.empty()) out += "# HELP " + name + " " + f.help + "\n";
        out += "# TYPE " + name + " " + f.type + "\n";
        for (const auto& [key, s] : f.by_labels) {
            if (f.type != "histogram") {
                out += name + key + " " + format_number(s.value) + "\n";
                continue;
            }
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < f.buckets.size(); ++i) {
                cumulative += i < s.counts.size() ? s.counts[i] : 0;
                out += name + "_bucket" + with_label(key, "le=\"" + format_number(f.buckets[i]) + "\"") + " " +
                       std::to_string(cumulative) + "\n";
            }
            out += name + "_bucket" + with_label(key, "le=\"+Inf\"") + " " + std::to_string(s.count) + "\n";
            out += name + "_sum" + key + " " + format_number(s.sum) + "\n";
            out += name + "_count" + key + " " + std::to_string(s.count) + "\n";
        }
    }
    return out;
}

}  // namespace paperboy::metrics
