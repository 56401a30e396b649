#pragma once
// arXiv Query API responses (Atom 1.0) to papers. Pure: bytes in, values out.
// Accepts both observed dialects (legacy per-element xmlns, current feed-level xmlns) and
// matches elements by namespace URI, never by prefix (docs/external-apis.md a.1).
#include <string_view>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/core/result.hpp"

namespace paperboy::sources::arxiv {

struct feed {
    int total_results = 0;   // opensearch:totalResults, all hits of the query
    int start_index = 0;     // opensearch:startIndex, = the request's start
    int items_per_page = 0;  // opensearch:itemsPerPage, = the request's max_results (not entries.size())
    std::vector<core::paper> entries;
};

// Errors: malformed or truncated XML (the parser's reason and byte offset), a document that is
// not an Atom feed, a non-integer opensearch counter, and arXiv's error feed (one entry titled
// "Error" whose id contains /api/errors) as "arXiv API error: <summary>".
// Entries without a recognisable arXiv id are skipped. Thread-safe (no shared state).
result<feed> parse_atom(std::string_view body);

}  // namespace paperboy::sources::arxiv
