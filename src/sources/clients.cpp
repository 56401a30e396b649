#include "paperboy/sources/clients.hpp"

#include "paperboy/core/text.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/sources/arxiv/atom.hpp"
#include "paperboy/sources/arxiv/query.hpp"
#include "paperboy/sources/huggingface/daily_papers.hpp"
#include "paperboy/sources/semantic_scholar/graph.hpp"
#include "percent_encode.hpp"

namespace paperboy::sources {

using boost::asio::awaitable;

struct arxiv_page {
    arxiv::feed feed;
};

namespace {

// First 200 bytes of a body, on one line: enough to tell an HTML error page from JSON.
std::string excerpt(std::string_view body) {
    return core::collapse_whitespace(body.substr(0, core::utf8_prefix_length(body, 200)));
}

std::string describe_status(const std::string& source, const net::client_response& res, std::string_view detail) {
    return source + ": HTTP " + std::to_string(res.status) + (detail.empty() ? "" : ": " + std::string(detail)) +
           " (after " + std::to_string(res.attempts) + " attempt" + (res.attempts == 1 ? "" : "s") + ")";
}

}  // namespace

awaitable<result<arxiv_page>> arxiv_client::get(std::string target) {
    net::client_request req;
    req.url = base_ + target;
    req.upstream = "arxiv";
    auto res = co_await http_.send(std::move(req));
    if (!res) co_return res.err();  // the client's message already names the upstream
    auto parsed = arxiv::parse_atom(res->body);
    if (res->status != 200) {
        // arXiv's errors are Atom feeds too (HTTP 400 with one "Error" entry): prefer their message.
        co_return error{describe_status("arxiv", *res, parsed ? excerpt(res->body) : parsed.err().message)};
    }
    if (!parsed) co_return error{"arxiv: " + parsed.err().message};
    co_return arxiv_page{std::move(*parsed)};
}

awaitable<result<papers>> arxiv_client::fetch_window(std::vector<std::string> categories, std::chrono::sys_seconds from,
                                                     std::chrono::sys_seconds to, int page_size, int max_papers) {
    papers out;
    arxiv::query q{std::move(categories), from, to - std::chrono::minutes(1), 0, page_size};
    bool retried_empty = false;
    for (;;) {
        auto page = co_await get(arxiv::build_query_target(q));
        if (!page) co_return page.err();
        auto& entries = page->feed.entries;
        if (entries.empty() && q.start < page->feed.total_results && !retried_empty) {
            retried_empty = true;  // the known empty-page quirk: ask once more (the client paces it)
            continue;
        }
        retried_empty = false;
        for (auto& p : entries) out.push_back(std::move(p));
        q.start += static_cast<int>(entries.size());
        if (entries.empty() || q.start >= page->feed.total_results || static_cast<int>(out.size()) >= max_papers) break;
    }
    co_return out;
}

awaitable<result<papers>> arxiv_client::fetch_ids(std::vector<std::string> ids) {
    if (ids.empty()) co_return papers{};
    auto page = co_await get(arxiv::build_id_list_target(ids));
    if (!page) co_return page.err();
    co_return std::move(page->feed.entries);
}

awaitable<result<papers>> huggingface_client::fetch_day(std::chrono::sys_days day) {
    constexpr int limit = 100, max_pages = 10;
    papers out;
    for (int p = 0; p < max_pages; ++p) {
        net::client_request req;
        req.url = base_ + huggingface::build_daily_papers_target(day, p, limit);
        req.upstream = "huggingface";
        if (token_) req.headers.push_back({"Authorization", "Bearer " + *token_});
        auto res = co_await http_.send(std::move(req));
        if (!res) co_return res.err();
        if (res->status != 200) co_return error{describe_status("huggingface", *res, excerpt(res->body))};
        auto parsed = huggingface::parse_daily_papers(res->body);
        if (!parsed) co_return error{"huggingface: " + parsed.err().message};
        const auto n = parsed->size();
        for (auto& paper : *parsed) out.push_back(std::move(paper));
        if (n < static_cast<std::size_t>(limit)) break;
    }
    co_return out;
}

awaitable<result<std::string>> semantic_scholar_client::call(std::string method, std::string target, std::string body) {
    net::client_request req;
    req.method = std::move(method);
    req.url = base_ + target;
    req.upstream = "semantic_scholar";
    req.body = std::move(body);
    if (!req.body.empty()) req.headers.push_back({"Content-Type", "application/json"});
    if (key_) req.headers.push_back({"x-api-key", *key_});
    auto res = co_await http_.send(std::move(req));
    if (!res) co_return res.err();
    if (res->status != 200)
        co_return error{describe_status("semantic_scholar", *res, semantic_scholar::parse_error_message(res->body))};
    co_return std::move(res->body);
}

awaitable<result<papers>> semantic_scholar_client::lookup(std::vector<std::string> arxiv_ids) {
    constexpr std::size_t batch = 500;  // the API's limit per call
    papers out;
    for (std::size_t i = 0; i < arxiv_ids.size(); i += batch) {
        std::vector<std::string> chunk(arxiv_ids.begin() + static_cast<std::ptrdiff_t>(i),
                                       arxiv_ids.begin() + static_cast<std::ptrdiff_t>(std::min(i + batch, arxiv_ids.size())));
        auto body = co_await call("POST", "/graph/v1/paper/batch?fields=" + semantic_scholar::batch_fields(),
                                  semantic_scholar::build_batch_body(chunk));
        if (!body) co_return body.err();
        auto parsed = semantic_scholar::parse_batch(*body);
        if (!parsed) co_return error{"semantic_scholar: " + parsed.err().message};
        for (auto& p : *parsed)
            if (p && !p->arxiv_id.empty()) out.push_back(std::move(*p));
    }
    co_return out;
}

awaitable<result<papers>> semantic_scholar_client::search(std::string query, std::chrono::sys_days from,
                                                          std::chrono::sys_days to) {
    const std::string target = "/graph/v1/paper/search?query=" + percent_encode(query) +
                               "&publicationDateOrYear=" + core::format_ymd(from) + ":" + core::format_ymd(to) +
                               "&fieldsOfStudy=Computer%20Science&limit=100&fields=" + semantic_scholar::batch_fields();
    auto body = co_await call("GET", target, "");
    if (!body) co_return body.err();
    auto page = semantic_scholar::parse_search(*body);
    if (!page) co_return error{"semantic_scholar: " + page.err().message};
    papers out;
    for (auto& p : page->data)
        if (!p.arxiv_id.empty()) out.push_back(std::move(p));
    co_return out;
}

}  // namespace paperboy::sources
