#include "paperboy/metrics/registry.hpp"

#include <boost/test/unit_test.hpp>

using paperboy::metrics::registry;

BOOST_AUTO_TEST_SUITE(metrics_registry)

BOOST_AUTO_TEST_CASE(counters_render_with_labels_help_and_type) {
    registry r;
    r.describe_counter("requests_total", "All requests.");
    r.add("requests_total", {{"route", "/healthz"}, {"status", "200"}});
    r.add("requests_total", {{"route", "/healthz"}, {"status", "200"}}, 2);
    r.add("requests_total", {{"route", "/x\"y"}, {"status", "404"}});
    BOOST_TEST(r.value("requests_total", {{"route", "/healthz"}, {"status", "200"}}) == 3);
    const auto text = r.render();
    BOOST_TEST(text.find("# HELP requests_total All requests.\n# TYPE requests_total counter\n") != std::string::npos);
    BOOST_TEST(text.find("requests_total{route=\"/healthz\",status=\"200\"} 3\n") != std::string::npos);
    BOOST_TEST(text.find("requests_total{route=\"/x\\\"y\",status=\"404\"} 1\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(histograms_are_cumulative) {
    registry r;
    r.describe_histogram("latency_seconds", "Latency.", {0.1, 1});
    r.observe("latency_seconds", {}, 0.05);
    r.observe("latency_seconds", {}, 0.5);
    r.observe("latency_seconds", {}, 5);
    const auto text = r.render();
    BOOST_TEST(text.find("latency_seconds_bucket{le=\"0.1\"} 1\n") != std::string::npos);
    BOOST_TEST(text.find("latency_seconds_bucket{le=\"1\"} 2\n") != std::string::npos);
    BOOST_TEST(text.find("latency_seconds_bucket{le=\"+Inf\"} 3\n") != std::string::npos);
    BOOST_TEST(text.find("latency_seconds_sum 5.55\n") != std::string::npos);
    BOOST_TEST(text.find("latency_seconds_count 3\n") != std::string::npos);
    BOOST_TEST(r.count("latency_seconds", {}) == 3u);
}

BOOST_AUTO_TEST_CASE(gauges_are_set_not_added) {
    registry r;
    r.set("open", {}, 5);
    r.set("open", {}, 2);
    BOOST_TEST(r.value("open", {}) == 2);
    BOOST_TEST(r.render().find("# TYPE open gauge\nopen 2\n") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
