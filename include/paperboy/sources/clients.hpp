#pragma once
// The network side of the three paper sources: each wraps net::http_client (which paces, retries
// and honours Retry-After per upstream) and the source's pure parser. Expected failures (HTTP
// errors after retries, malformed bodies, transport errors) are result errors whose message says
// which source and why; nothing here throws for them.
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/core/result.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::sources {

using papers = std::vector<core::paper>;

class arxiv_client {
public:
    arxiv_client(net::http_client& http, std::string base_url) : http_(http), base_(std::move(base_url)) {}

    // Papers in `categories` submitted in [from, to), newest first, paging `page_size` at a time up
    // to `max_papers`. arXiv sometimes answers a valid but empty page inside a known total: that
    // page is asked once more before the harvest stops.
    boost::asio::awaitable<result<papers>> fetch_window(std::vector<std::string> categories,
                                                        std::chrono::sys_seconds from, std::chrono::sys_seconds to,
                                                        int page_size = 200, int max_papers = 2000);
    // Papers by id (versions allowed); ids arXiv does not know are simply absent.
    boost::asio::awaitable<result<papers>> fetch_ids(std::vector<std::string> ids);

private:
    boost::asio::awaitable<result<struct arxiv_page>> get(std::string target);
    net::http_client& http_;
    std::string base_;
};

class huggingface_client {
public:
    huggingface_client(net::http_client& http, std::string base_url, std::optional<std::string> token)
        : http_(http), base_(std::move(base_url)), token_(std::move(token)) {}
    // Every paper listed on Daily Papers for `day`, all pages.
    boost::asio::awaitable<result<papers>> fetch_day(std::chrono::sys_days day);

private:
    net::http_client& http_;
    std::string base_;
    std::optional<std::string> token_;
};

class semantic_scholar_client {
public:
    semantic_scholar_client(net::http_client& http, std::string base_url, std::optional<std::string> api_key)
        : http_(http), base_(std::move(base_url)), key_(std::move(api_key)) {}
    // Citation counts, venue and tldr for version-less arXiv ids (batches of 500); unknown ids are absent.
    boost::asio::awaitable<result<papers>> lookup(std::vector<std::string> arxiv_ids);
    // Computer-science papers matching `query` published in [from, to] (one page of up to 100).
    boost::asio::awaitable<result<papers>> search(std::string query, std::chrono::sys_days from,
                                                  std::chrono::sys_days to);

private:
    boost::asio::awaitable<result<std::string>> call(std::string method, std::string target, std::string body);
    net::http_client& http_;
    std::string base_;
    std::optional<std::string> key_;
};

}  // namespace paperboy::sources
