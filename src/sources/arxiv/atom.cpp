#include "paperboy/sources/arxiv/atom.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <pugixml.hpp>
#include <string>

#include "paperboy/core/arxiv_id.hpp"
#include "paperboy/core/text.hpp"
#include "paperboy/core/time.hpp"
#include "xml_names.hpp"

namespace paperboy::sources::arxiv {
namespace {

std::string collapsed(pugi::xml_node node) {
    // The usual element holds one text node: collapse it in place of a joined copy.
    auto first = node.first_child();
    if (first && !first.next_sibling() && first.type() == pugi::node_pcdata)
        return core::collapse_whitespace(first.value());
    return core::collapse_whitespace(text_of(node));
}

std::string collapsed(pugi::xml_attribute attr) { return core::collapse_whitespace(attr.value()); }

// opensearch counters; an absent counter reads as 0, a garbled one is an error because the
// pagination loop would otherwise stop or spin on a wrong total.
result<int> counter(pugi::xml_node feed_node, std::string_view local) {
    auto node = child_element(feed_node, opensearch_ns, local);
    if (!node) return 0;
    std::string text = collapsed(node);
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0)
        return error{"arXiv feed: opensearch:" + std::string(local) + " is not a non-negative integer: '" +
                     text + "'"};
    return value;
}

// "https://doi.org/10.1063/1.4996038" or "http://dx.doi.org/..." -> "10.1063/1.4996038".
std::string doi_from_url(std::string_view href) {
    auto at = href.find("doi.org/");
    return at == std::string_view::npos ? std::string() : std::string(href.substr(at + 8));
}

// Links come with rel/type/title (both dialects) or with only href (one 2025-11 recording), so
// each role is recognised by any of its markers (docs/external-apis.md a.1).
void apply_link(pugi::xml_node link, core::paper& p, std::string& doi_link) {
    std::string_view href = link.attribute("href").value();
    std::string_view rel = link.attribute("rel").value();
    std::string_view type = link.attribute("type").value();
    std::string_view title = link.attribute("title").value();
    if (href.empty()) return;
    if (title == "doi" || href.find("doi.org/") != std::string_view::npos) {
        if (doi_link.empty()) doi_link = doi_from_url(href);
        return;
    }
    if (title == "pdf" || type == "application/pdf" || href.find("/pdf/") != std::string_view::npos) {
        if (p.pdf_url.empty()) p.pdf_url = std::string(href);
        return;
    }
    if ((rel.empty() || rel == "alternate") && href.find("/abs/") != std::string_view::npos && p.abs_url.empty())
        p.abs_url = std::string(href);
}

core::author parse_author(pugi::xml_node node) {
    core::author a;
    a.name = collapsed(child_element(node, atom_ns, "name"));
    for (auto c : node.children())
        if (is_element(c, arxiv_ns, "affiliation"))
            if (auto affiliation = collapsed(c); !affiliation.empty()) a.affiliations.push_back(affiliation);
    return a;
}

void add_category(core::paper& p, std::string term) {
    if (!term.empty() && std::find(p.categories.begin(), p.categories.end(), term) == p.categories.end())
        p.categories.push_back(std::move(term));
}

// One <entry>; nothing when its id is not an arXiv abstract URL.
std::optional<core::paper> parse_entry(pugi::xml_node entry) {
    auto id = core::parse_arxiv_id(collapsed(child_element(entry, atom_ns, "id")));
    if (!id) return std::nullopt;
    core::paper p;
    p.arxiv_id = id->id;
    p.version = id->version;
    std::string doi_link;
    for (auto c : entry.children()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view ns = namespace_uri(c), name = local_name(c);
        if (ns == atom_ns) {
            if (name == "title") {
                p.title = collapsed(c);
            } else if (name == "summary") {
                p.abstract = collapsed(c);
            } else if (name == "published") {
                p.published = core::parse_rfc3339(collapsed(c));
            } else if (name == "updated") {
                p.updated = core::parse_rfc3339(collapsed(c));
            } else if (name == "author") {
                if (auto a = parse_author(c); !a.name.empty()) p.authors.push_back(std::move(a));
            } else if (name == "link") {
                apply_link(c, p, doi_link);
            } else if (name == "category") {
                add_category(p, collapsed(c.attribute("term")));
            }
        } else if (ns == arxiv_ns) {
            if (name == "primary_category") {
                p.primary_category = collapsed(c.attribute("term"));
            } else if (name == "comment") {
                p.comment = collapsed(c);
            } else if (name == "journal_ref") {
                p.journal_ref = collapsed(c);
            } else if (name == "doi") {
                p.doi = collapsed(c);
            }
        }
    }
    if (p.doi.empty()) p.doi = doi_link;
    if (p.primary_category.empty() && !p.categories.empty()) p.primary_category = p.categories.front();
    if (!p.primary_category.empty() &&
        std::find(p.categories.begin(), p.categories.end(), p.primary_category) == p.categories.end())
        p.categories.insert(p.categories.begin(), p.primary_category);
    // Every arXiv paper has both pages; build them when the feed left the links out.
    if (p.abs_url.empty()) p.abs_url = "https://arxiv.org/abs/" + p.arxiv_id + p.version;
    if (p.pdf_url.empty()) p.pdf_url = "https://arxiv.org/pdf/" + p.arxiv_id + p.version;
    p.sources = {"arxiv"};
    return p;
}

// arXiv reports failures as a feed whose entry is titled "Error" with an /api/errors id.
std::optional<error> error_entry(pugi::xml_node entry) {
    std::string id = collapsed(child_element(entry, atom_ns, "id"));
    if (collapsed(child_element(entry, atom_ns, "title")) != "Error" || id.find("/api/errors") == std::string::npos)
        return std::nullopt;
    std::string message = collapsed(child_element(entry, atom_ns, "summary"));
    if (message.empty()) message = id;  // "https://arxiv.org/api/errors#<reason>" still says what went wrong
    return error{"arXiv API error: " + message};
}

}  // namespace

result<feed> parse_atom(std::string_view body) {
    pugi::xml_document doc;
    auto parsed = doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return error{"arXiv feed: malformed XML: " + std::string(parsed.description()) + " at byte " +
                     std::to_string(parsed.offset)};
    auto root = doc.document_element();
    if (!is_element(root, atom_ns, "feed"))
        return error{"arXiv feed: not an Atom feed (root element <" + std::string(root.name()) + ">)"};

    feed out;
    for (auto [field, name] : {std::pair{&out.total_results, "totalResults"},
                               std::pair{&out.start_index, "startIndex"},
                               std::pair{&out.items_per_page, "itemsPerPage"}}) {
        auto value = counter(root, name);
        if (!value) return value.err();
        *field = *value;
    }
    for (auto c : root.children()) {
        if (!is_element(c, atom_ns, "entry")) continue;
        if (auto e = error_entry(c)) return *e;
        if (auto p = parse_entry(c)) out.entries.push_back(std::move(*p));
    }
    return out;
}

}  // namespace paperboy::sources::arxiv
