// atom_feed (declared in html.hpp): the archive as an Atom 1.0 feed (RFC 4287).
#include <algorithm>

#include "html_body.hpp"
#include "paperboy/core/time.hpp"
#include "paperboy/render/html.hpp"
#include "paperboy/render/labels.hpp"

namespace paperboy::render {
namespace {

std::chrono::sys_seconds updated_at(const core::digest& d) {
    return d.generated_at ? *d.generated_at : std::chrono::sys_seconds{d.date};
}

std::string element(std::string_view name, std::string_view text) {
    return "<" + std::string(name) + ">" + html_escape(text) + "</" + std::string(name) + ">\n";
}

}  // namespace

std::string atom_feed(const std::vector<core::digest>& digests, const std::string& base_url) {
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    // The feed is as new as its newest entry; an empty feed gets a fixed time so output is stable.
    std::chrono::sys_seconds newest{};
    for (const auto& d : digests) newest = std::max(newest, updated_at(d));

    const labels& l = labels_for(digests.empty() ? std::string_view("en") : digests.front().language);
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    out += element("id", base + "/feed.atom");
    out += element("title", l.title);
    out += element("updated", core::format_rfc3339(newest));
    out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + html_escape(base + "/feed.atom") + "\"/>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(base + "/") + "\"/>\n";
    out += "<author><name>paperboy</name></author>\n";
    out += element("generator", "paperboy");
    for (const auto& d : digests) {
        const std::string url = base + "/digests/" + core::format_ymd(d.date);
        out += "<entry>\n";
        out += element("id", d.profile.empty() ? url : url + "#" + d.profile);
        out += element("title", digest_title(labels_for(d.language), d.date));
        out += element("updated", core::format_rfc3339(updated_at(d)));
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(url) + "\"/>\n";
        out += "<content type=\"html\">" + html_escape(detail::html_article(d)) + "</content>\n";
        out += "</entry>\n";
    }
    return out + "</feed>\n";
}

}  // namespace paperboy::render
