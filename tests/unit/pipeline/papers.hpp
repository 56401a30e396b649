#pragma once
// Builders for hand-made paper records in pipeline tests.
#include <chrono>
#include <string>
#include <vector>

#include "../sources/fixture.hpp"
#include "paperboy/core/paper.hpp"

namespace paperboy::test {

inline core::paper make_paper(std::string id, std::string title, std::string abstract,
                              std::vector<std::string> categories = {}, std::string source = "arxiv") {
    core::paper p;
    p.arxiv_id = std::move(id);
    p.title = std::move(title);
    p.abstract = std::move(abstract);
    p.categories = std::move(categories);
    if (!p.categories.empty()) p.primary_category = p.categories.front();
    p.sources = {std::move(source)};
    return p;
}

inline std::chrono::sys_seconds at(std::chrono::year_month_day day, int hour = 0) {
    return std::chrono::sys_days{day} + std::chrono::hours{hour};
}

}  // namespace paperboy::test
