#pragma once
// Request targets (path + query) for the arXiv Query API; the HTTP client adds the host.
#include <chrono>
#include <string>
#include <vector>

namespace paperboy::sources::arxiv {

struct query {
    std::vector<std::string> categories;  // OR-ed: cat:cs.CL OR cat:cs.LG ...; none = no filter
    std::chrono::sys_seconds from;        // submittedDate window, inclusive, to the minute (GMT)
    std::chrono::sys_seconds to;
    int start = 0;
    int max_results = 100;  // arXiv caps at 2000 per call
};

// "/api/query?search_query=%28cat:cs.CL+OR+cat:cs.LG%29+AND+submittedDate:%5B202608010000+TO+
// 202608012359%5D&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100".
// Spaces are '+', parentheses and brackets percent-encoded; negative start/max_results become 0.
std::string build_query_target(const query& q);

// "/api/query?id_list=2104.12255v1,astro-ph%2F0601001&start=0&max_results=2": max_results is the
// number of ids because arXiv's default page (10) would silently cut longer lists.
std::string build_id_list_target(const std::vector<std::string>& ids);

}  // namespace paperboy::sources::arxiv
