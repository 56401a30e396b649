// Throughput of paperboy::sources::arxiv::parse_atom on one large feed (bench/README.md).
// Usage: paperboy_atom_bench FEED.xml [ITERATIONS=20] [EXPECTED_ENTRIES=2000]
// Reads the file once, parses it twice to warm up, then times ITERATIONS parses. Each parse
// builds the full feed (all papers, strings and vectors) and frees it, as the harvester would.
// Exit status: 0 ok; 1 parse failure or wrong entry count; 2 usage.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "paperboy/sources/arxiv/atom.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

// Parses once; returns a checksum of the fields the benchmark extracts, or -1 on failure.
long parse_once(const std::string& body, std::size_t expected) {
    auto feed = paperboy::sources::arxiv::parse_atom(body);
    if (!feed) {
        std::fprintf(stderr, "parse_atom failed: %s\n", feed.err().message.c_str());
        return -1;
    }
    if (feed->entries.size() != expected) {
        std::fprintf(stderr, "expected %zu entries, got %zu\n", expected, feed->entries.size());
        return -1;
    }
    long sum = 0;
    for (const auto& p : feed->entries)
        sum += static_cast<long>(p.arxiv_id.size() + p.title.size() + p.abstract.size() + p.authors.size() +
                                 p.categories.size() + (p.published ? 1 : 0));
    return sum;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: %s FEED.xml [ITERATIONS=20] [EXPECTED_ENTRIES=2000]\n", argv[0]);
        return 2;
    }
    const int iterations = argc > 2 ? std::atoi(argv[2]) : 20;
    const auto expected = static_cast<std::size_t>(argc > 3 ? std::atol(argv[3]) : 2000);
    if (iterations < 1) {
        std::fprintf(stderr, "ITERATIONS must be >= 1\n");
        return 2;
    }

    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string body = std::move(buf).str();
    const double mb = static_cast<double>(body.size()) / 1e6;

    for (int i = 0; i < 2; ++i)
        if (parse_once(body, expected) < 0) return 1;

    std::vector<double> ms;
    long checksum = 0;
    for (int i = 0; i < iterations; ++i) {
        const auto t0 = clock_type::now();
        const long sum = parse_once(body, expected);
        const auto t1 = clock_type::now();
        if (sum < 0) return 1;
        checksum += sum;
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    double total = 0;
    for (double m : ms) total += m;
    const double mean = total / iterations;
    const double median = ms[ms.size() / 2];

    std::printf("paperboy parse_atom: %.2f MB, %zu entries, %d parses (after 2 warm-ups)\n", mb, expected, iterations);
    std::printf("  ms/parse: mean %.2f  median %.2f  min %.2f  max %.2f\n", mean, median, ms.front(), ms.back());
    std::printf("  checksum %ld\n", checksum);
    // Machine-readable line for bench/atom/run.sh: throughput from the mean.
    std::printf("MBPS %.1f\n", mb / (mean / 1000.0));
    return 0;
}
