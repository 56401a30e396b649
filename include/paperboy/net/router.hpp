#pragma once
// Routing table: (method, path pattern) → handler. Patterns are literal segments and "{name}"
// placeholders ("/digests/{date}"). Tells an unknown path (404) from a wrong method (405 + Allow).
#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>
#include <vector>

#include "paperboy/net/http.hpp"

namespace paperboy::net {

using handler = std::function<boost::asio::awaitable<response>(request&)>;

class router {
public:
    // Adds a route; a later route with the same method and pattern replaces nothing: first match wins.
    router& add(std::string method, std::string pattern, handler h);

    struct match {
        const handler* target = nullptr;  // null: no route
        unsigned status = 200;            // 404 or 405 when target is null
        std::string allow;                // for 405: the methods the path accepts
        std::string pattern;              // matched pattern, for logs and metrics
    };
    // Finds the route for `req` and fills req.path_params.
    match find(request& req) const;

private:
    struct route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        handler h;
    };
    static bool matches(const route& r, const std::vector<std::string_view>& path,
                        std::map<std::string, std::string>* params);
    std::vector<route> routes_;
};

}  // namespace paperboy::net
