#include "paperboy/sources/arxiv/query.hpp"

#include <algorithm>
#include <cstdio>

#include "../percent_encode.hpp"

namespace paperboy::sources::arxiv {
namespace {

// submittedDate bounds are YYYYMMDDHHMM in GMT.
std::string minute_stamp(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    auto day = floor<days>(t);
    year_month_day ymd{day};
    hh_mm_ss hms{floor<minutes>(t - day)};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u%02d%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
    return buf;
}

}  // namespace

std::string build_query_target(const query& q) {
    // Built in plain text first, then encoded once: ':' stays (allowed in a query), spaces become
    // '+', and ( ) [ ] are percent-encoded so strict URL parsers accept the target.
    std::string search;
    if (!q.categories.empty()) {
        std::string cats;
        for (const auto& c : q.categories) cats += (cats.empty() ? "cat:" : " OR cat:") + c;
        search = q.categories.size() == 1 ? cats : "(" + cats + ")";
        search += " AND ";
    }
    search += "submittedDate:[" + minute_stamp(q.from) + " TO " + minute_stamp(q.to) + "]";
    return "/api/query?search_query=" + percent_encode(search, ":", true) +
           "&sortBy=submittedDate&sortOrder=descending&start=" + std::to_string(std::max(q.start, 0)) +
           "&max_results=" + std::to_string(std::max(q.max_results, 0));
}

std::string build_id_list_target(const std::vector<std::string>& ids) {
    std::string list;
    for (const auto& id : ids) {
        if (!list.empty()) list += ',';
        list += percent_encode(id);  // old-style ids carry a '/', sent as %2F like other clients do
    }
    return "/api/query?id_list=" + list + "&start=0&max_results=" + std::to_string(ids.size());
}

}  // namespace paperboy::sources::arxiv
