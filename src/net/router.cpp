#include "paperboy/net/router.hpp"

namespace paperboy::net {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > start) out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

}  // namespace

router& router::add(std::string method, std::string pattern, handler h) {
    route r{std::move(method), std::move(pattern), {}, std::move(h)};
    for (auto seg : split_path(r.pattern)) r.segments.emplace_back(seg);
    routes_.push_back(std::move(r));
    return *this;
}

bool router::matches(const route& r, const std::vector<std::string_view>& path,
                     std::map<std::string, std::string>* params) {
    if (r.segments.size() != path.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const auto& seg = r.segments[i];
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
            if (params) (*params)[seg.substr(1, seg.size() - 2)] = std::string(path[i]);
        } else if (seg != path[i]) {
            return false;
        }
    }
    return true;
}

router::match router::find(request& req) const {
    const auto path = split_path(req.path);
    match m;
    m.status = 404;
    for (const auto& r : routes_) {
        if (!matches(r, path, nullptr)) continue;
        if (r.method == req.method) {
            matches(r, path, &req.path_params);
            return match{&r.h, 200, {}, r.pattern};
        }
        m.status = 405;
        if (m.pattern.empty()) m.pattern = r.pattern;
        if (m.allow.find(r.method) == std::string::npos) m.allow += (m.allow.empty() ? "" : ", ") + r.method;
    }
    return m;
}

}  // namespace paperboy::net
