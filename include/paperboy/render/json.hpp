#pragma once
// The stored and served JSON form of a digest (database rows, GET /digests/D.json,
// `paperboy digest --format json`). Stable: keys are always present, always in this order;
// absent optional values are null; new keys may be appended in later versions (readers ignore
// keys they do not know) and "format" is bumped only for incompatible changes.
//
// {
//   "format": 1,
//   "date": "2026-02-23",                          // YYYY-MM-DD
//   "profile": "llm",
//   "language": "ja",
//   "generated_at": "2026-02-23T07:00:00Z",        // RFC 3339 UTC, or null
//   "empty_reason": "",
//   "source_warnings": ["semantic_scholar: timeout"],
//   "entries": [{
//     "number": 1,
//     "score": 0.7134,                             // shortest form that reads back exactly; null if not finite
//     "paper": {
//       "arxiv_id": "2602.10693", "version": "v1", "title": "...", "abstract": "...",
//       "authors": [{"name": "A", "affiliations": ["..."]}],
//       "published": "2026-02-11T17:59:59Z",     // or null
//       "updated": "2026-02-12T10:00:00Z",       // or null
//       "primary_category": "cs.CL", "categories": ["cs.CL", "cs.AI"],
//       "abs_url": "...", "pdf_url": "...", "doi": "", "comment": "", "journal_ref": "",
//       "signals": {
//         "hf_upvotes": 42, "hf_comments": 3, "github_repo": "org/repo", "github_stars": 1200,
//         "hf_submitted_on": "2026-02-12",       // YYYY-MM-DD
//         "citations": 7, "influential_citations": 1, "venue": "ACL", "tldr": "..."
//       },                                       // each one null when the source did not say
//       "sources": ["huggingface", "arxiv"]
//     },
//     "summary": {"text": "...", "language": "ja", "model": "anthropic:...", "note": ""}
//   }]
// }
//
// digest_from_json(to_json(d)) == d for every digest with a finite score and valid UTF-8 text
// (invalid bytes are written as U+FFFD; a non-finite score is written as null and read as NaN).
#include <string>
#include <string_view>

#include "paperboy/core/digest.hpp"
#include "paperboy/core/result.hpp"

namespace paperboy::render {

// Compact (no indentation), UTF-8, the form above.
std::string to_json(const core::digest& d);

// Reads the form above without throwing. A missing key takes its default (so older rows read);
// a value of the wrong type, a bad date or a "format" above 1 is an error naming the key's path
// ("entries[2].paper.published: expected RFC 3339 time or null").
result<core::digest> digest_from_json(std::string_view json);

}  // namespace paperboy::render
