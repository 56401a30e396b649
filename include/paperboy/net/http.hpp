#pragma once
// HTTP request and response values shared by the server, the client and the chat adapters.
// Plain data: no Beast here, so the code that uses them compiles fast.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paperboy::net {

struct header_field {
    std::string name;
    std::string value;
};

using headers = std::vector<header_field>;

// Value of the first header called `name` (case-insensitive), if any.
std::optional<std::string_view> find_header(const headers& h, std::string_view name);

struct request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // as received: path and query
    std::string path;    // decoded path without the query
    std::string query;   // raw query string without '?'
    net::headers headers;
    std::string body;  // the raw bytes, exactly as received (signatures are computed over them)
    std::string remote_address;
    std::map<std::string, std::string> path_params;  // filled by the router: "/digests/{date}"
    std::string route;                               // the matched route's pattern, for logs and metrics

    std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
};

struct response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    net::headers headers;

    static response json(unsigned status, std::string body);
    static response text(unsigned status, std::string body, std::string content_type = "text/plain; charset=utf-8");
    // {"error":"..."} with `message` JSON-escaped: what CONTRACT.md promises for every bad request.
    static response error(unsigned status, std::string_view message);
};

// Escapes `s` for use inside a JSON string literal.
std::string json_escape(std::string_view s);

}  // namespace paperboy::net
