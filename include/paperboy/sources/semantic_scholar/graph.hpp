#pragma once
// Semantic Scholar Academic Graph API (graph/v1) responses to papers, and request bodies.
// Pure: bytes in, values out; JSON is parsed without exceptions.
//
// Each paper object maps to: arxiv_id/version from externalIds.ArXiv (empty when S2 knows no arXiv
// id), doi from externalIds.DOI, title, abstract (null = ""), authors[].name, published from
// publicationDate (midnight UTC), abs_url (arXiv page when known, else the S2 url), pdf_url from
// openAccessPdf.url; signals citations = citationCount, influential_citations =
// influentialCitationCount, venue = venue (else journal.name, when non-empty), tldr = tldr.text;
// sources = {"semantic_scholar"}. Fields absent, null or of another type are left empty.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/paper.hpp"
#include "paperboy/core/result.hpp"

namespace paperboy::sources::semantic_scholar {

struct search_page {
    int total = 0;                     // all hits; the size of `data` when the endpoint omits it
    int offset = 0;
    std::optional<int> next;           // absent on the last page
    std::optional<std::string> token;  // /paper/search/bulk continuation; absent or null at the end
    std::vector<core::paper> data;     // empty for zero hits (the API then omits the key)
};

// POST /paper/batch: an array aligned with the request ids, null for unknown ids -> nullopt.
// Errors: invalid JSON, a non-array body, or an element that is neither an object nor null.
result<std::vector<std::optional<core::paper>>> parse_batch(std::string_view body);

// GET /paper/search, /paper/search/bulk and /paper/search/match. Non-object items are skipped.
result<search_page> parse_search(std::string_view body);

// GET /paper/{id}: a single paper object.
result<core::paper> parse_paper(std::string_view body);

// GET /recommendations/v1/papers/forpaper/{id} and POST /recommendations/v1/papers/:
// {"recommendedPapers":[...]}.
result<std::vector<core::paper>> parse_recommendations(std::string_view body);

// The message of an error body: {"error":"..."} (graph API) or {"message":"..."} (API gateway,
// 403/429). Falls back to the first 200 bytes of the body, collapsed, for anything else.
std::string parse_error_message(std::string_view body);

// The `fields` query value for batch/search requests: everything parse_* reads.
std::string batch_fields();

// {"ids":["ARXIV:2602.10693",...]}: ids are sent version-less (S2 indexes base ids), in the
// given order, so the response array lines up with `arxiv_ids`.
std::string build_batch_body(const std::vector<std::string>& arxiv_ids);

}  // namespace paperboy::sources::semantic_scholar
