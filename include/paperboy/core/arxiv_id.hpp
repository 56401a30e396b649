#pragma once
// An arXiv identifier, normalised and version-less: "2602.10693", "hep-th/9901001".
#include <optional>
#include <string>
#include <string_view>

namespace paperboy::core {

struct parsed_arxiv_id {
    std::string id;       // version-less, lower-case archive for old-style ids
    std::string version;  // "v2", or empty when none was given
};

// Accepts a bare id ("2602.10693", "2602.10693v2", "hep-th/9901001v1"), an "arXiv:" prefix,
// and abs/pdf/html URLs on arxiv.org ("https://arxiv.org/abs/2602.10693v1", ".../pdf/2602.10693.pdf").
// Returns nothing for anything else.
std::optional<parsed_arxiv_id> parse_arxiv_id(std::string_view text);

// True when `text` is exactly a version-less or versioned id (no URL, no prefix).
bool is_arxiv_id(std::string_view text);

}  // namespace paperboy::core
