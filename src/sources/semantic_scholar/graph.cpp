#include "paperboy/sources/semantic_scholar/graph.hpp"

#include <algorithm>

#include "paperboy/json/fields.hpp"
#include "paperboy/core/arxiv_id.hpp"
#include "paperboy/core/text.hpp"
#include "paperboy/core/time.hpp"

namespace paperboy::sources::semantic_scholar {
namespace {

using namespace paperboy::json_fields;

std::string collapsed_string(const json& object, const char* key) {
    return core::collapse_whitespace(string_at(object, key).value_or(""));
}

std::optional<std::string> non_empty(std::string text) {
    if (text.empty()) return std::nullopt;
    return text;
}

core::paper to_paper(const json& object) {
    core::paper p;
    if (const json* ids = object_at(object, "externalIds")) {
        if (auto arxiv = string_at(*ids, "ArXiv"))
            if (auto id = core::parse_arxiv_id(*arxiv)) {
                p.arxiv_id = id->id;
                p.version = id->version;
            }
        p.doi = string_at(*ids, "DOI").value_or("");
    }
    p.title = collapsed_string(object, "title");
    p.abstract = collapsed_string(object, "abstract");
    if (const json* authors = array_at(object, "authors"))
        for (const auto& a : *authors)
            if (auto name = collapsed_string(a, "name"); !name.empty()) p.authors.push_back({name, {}});
    if (auto date = string_at(object, "publicationDate"))
        if (auto day = core::parse_ymd(*date)) p.published = std::chrono::sys_seconds{*day};
    p.abs_url = p.arxiv_id.empty() ? string_at(object, "url").value_or("") : "https://arxiv.org/abs/" + p.arxiv_id;
    if (const json* pdf = object_at(object, "openAccessPdf")) p.pdf_url = string_at(*pdf, "url").value_or("");

    auto& s = p.signals;
    s.citations = int_at(object, "citationCount");
    s.influential_citations = int_at(object, "influentialCitationCount");
    s.venue = non_empty(collapsed_string(object, "venue"));
    if (const json* journal = object_at(object, "journal"); journal && !s.venue)
        s.venue = non_empty(collapsed_string(*journal, "name"));
    if (const json* tldr = object_at(object, "tldr")) s.tldr = non_empty(collapsed_string(*tldr, "text"));
    p.sources = {"semantic_scholar"};
    return p;
}

result<json> parse_json(std::string_view body, const char* what) {
    auto doc = json::parse(body, nullptr, false);
    if (doc.is_discarded()) return error{std::string("Semantic Scholar ") + what + ": invalid JSON"};
    return doc;
}

std::vector<core::paper> papers_in(const json* array) {
    std::vector<core::paper> out;
    if (!array) return out;
    out.reserve(array->size());
    for (const auto& item : *array)
        if (item.is_object()) out.push_back(to_paper(item));
    return out;
}

}  // namespace

result<std::vector<std::optional<core::paper>>> parse_batch(std::string_view body) {
    auto doc = parse_json(body, "batch");
    if (!doc) return doc.err();
    if (!doc->is_array())
        return error{"Semantic Scholar batch: expected a JSON array, got " + std::string(doc->type_name())};
    std::vector<std::optional<core::paper>> out;
    out.reserve(doc->size());
    for (const auto& item : *doc) {
        if (item.is_null()) {
            out.emplace_back();
        } else if (item.is_object()) {
            out.emplace_back(to_paper(item));
        } else {
            return error{"Semantic Scholar batch: item " + std::to_string(out.size()) + " is a " +
                         std::string(item.type_name())};
        }
    }
    return out;
}

result<search_page> parse_search(std::string_view body) {
    auto doc = parse_json(body, "search");
    if (!doc) return doc.err();
    if (!doc->is_object())
        return error{"Semantic Scholar search: expected a JSON object, got " + std::string(doc->type_name())};
    search_page page;
    page.data = papers_in(array_at(*doc, "data"));
    page.total = int_at(*doc, "total").value_or(static_cast<int>(page.data.size()));
    page.offset = int_at(*doc, "offset").value_or(0);
    page.next = int_at(*doc, "next");
    page.token = string_at(*doc, "token");
    return page;
}

result<core::paper> parse_paper(std::string_view body) {
    auto doc = parse_json(body, "paper");
    if (!doc) return doc.err();
    if (!doc->is_object())
        return error{"Semantic Scholar paper: expected a JSON object, got " + std::string(doc->type_name())};
    return to_paper(*doc);
}

result<std::vector<core::paper>> parse_recommendations(std::string_view body) {
    auto doc = parse_json(body, "recommendations");
    if (!doc) return doc.err();
    const json* list = array_at(*doc, "recommendedPapers");
    if (!list) return error{"Semantic Scholar recommendations: no recommendedPapers array"};
    return papers_in(list);
}

std::string parse_error_message(std::string_view body) {
    auto doc = json::parse(body, nullptr, false);
    if (!doc.is_discarded()) {
        for (const char* key : {"error", "message"}) {
            if (auto text = string_at(doc, key)) return *text;
            if (const json* nested = object_at(doc, key))  // {"error":{"message":...}} seen elsewhere
                if (auto text = string_at(*nested, "message")) return *text;
        }
    }
    auto text = core::collapse_whitespace(body);
    return text.substr(0, core::utf8_prefix_length(text, 200));
}

std::string batch_fields() {
    return "externalIds,url,title,abstract,venue,journal,publicationDate,authors,citationCount,"
           "influentialCitationCount,openAccessPdf,tldr";
}

std::string build_batch_body(const std::vector<std::string>& arxiv_ids) {
    json ids = json::array();
    for (const auto& raw : arxiv_ids) {
        auto id = core::parse_arxiv_id(raw);
        ids.push_back("ARXIV:" + (id ? id->id : raw));
    }
    // replace: an id with invalid UTF-8 must not make dump() throw.
    return json{{"ids", std::move(ids)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace paperboy::sources::semantic_scholar
