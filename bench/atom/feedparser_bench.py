#!/usr/bin/python3
"""Throughput of Python's feedparser on the same feed as paperboy_atom_bench (bench/README.md).

Run with Debian's /usr/bin/python3 (package python3-feedparser). Reads the file once, parses the
bytes once to warm up, then times ITERATIONS parses, each extracting the fields paperboy keeps
(arXiv id, title, abstract, authors, categories, published). feedparser runs with its defaults.

usage: feedparser_bench.py FEED.xml [ITERATIONS=3] [EXPECTED_ENTRIES=2000]
"""
import sys
import time

import feedparser


def parse_once(body, expected):
    d = feedparser.parse(body)
    if d.bozo:
        sys.exit(f"feedparser: malformed feed: {d.bozo_exception}")
    papers = [
        (
            e.id.rsplit("/abs/", 1)[-1],
            e.title,
            e.summary,
            [a.name for a in e.get("authors", [])],
            [t.term for t in e.get("tags", [])],
            e.published_parsed,
        )
        for e in d.entries
    ]
    if len(papers) != expected:
        sys.exit(f"expected {expected} entries, got {len(papers)}")
    return papers


def main():
    if not 2 <= len(sys.argv) <= 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    expected = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    with open(sys.argv[1], "rb") as f:
        body = f.read()
    mb = len(body) / 1e6

    parse_once(body, expected)
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        parse_once(body, expected)
        times.append((time.perf_counter() - t0) * 1000)
    mean = sum(times) / len(times)

    print(f"feedparser {feedparser.__version__}: {mb:.2f} MB, {expected} entries, "
          f"{iterations} parses (after 1 warm-up)")
    print(f"  ms/parse: mean {mean:.0f}  min {min(times):.0f}  max {max(times):.0f}")
    print(f"MBPS {mb / (mean / 1000):.3f}")


if __name__ == "__main__":
    main()
