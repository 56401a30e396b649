#pragma once
// The web archive: one digest as an HTML5 page, the list of past digests, and the Atom feed.
// Everything from papers is escaped; the output is valid UTF-8 (invalid bytes become U+FFFD)
// without control characters, so the feed is well-formed XML.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/digest.hpp"

namespace paperboy::render {

// A complete page (GET /digests/YYYY-MM-DD): <meta charset="utf-8">, an inline stylesheet,
// papers linked to their arXiv abstract pages, links to the .md and .json forms and the archive.
std::string html_page(const core::digest& d);

struct index_row {
    std::chrono::sys_days date;
    std::string profile;
    int papers = 0;
};

// Plain-text lines above the archive's list (each is shown when not empty).
struct index_notes {
    std::string next_digest;  // "Next digest: 2026-12-03 08:00 UTC"
    std::string connect;      // how to get digests in chat, when no chat is connected
};

// The archive page (GET /): one row per digest, in the given order, linking to
// /digests/YYYY-MM-DD (and its .md and .json forms), plus the feed.
std::string html_index(const std::vector<index_row>& rows, const index_notes& notes = {});

// An Atom 1.0 feed (GET /feed.atom) of `digests` in the given order. `base_url` is the public
// root of the archive ("https://papers.example.org", a trailing '/' is ignored). Each entry:
// id base_url/digests/DATE (plus "#PROFILE" when the digest has a profile, so ids stay unique),
// the digest title, updated = generated_at (else midnight UTC of the date), a rel="alternate"
// link to base_url/digests/DATE, and the digest as escaped HTML content.
std::string atom_feed(const std::vector<core::digest>& digests, const std::string& base_url);

// & < > " ' as entities; control characters other than tab and line breaks dropped.
std::string html_escape(std::string_view text);

}  // namespace paperboy::render
