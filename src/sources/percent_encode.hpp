#pragma once
// Query-string encoding shared by the request builders (private to paperboy_sources).
#include <string>
#include <string_view>

namespace paperboy::sources {

// Percent-encodes every byte outside RFC 3986 "unreserved" and `keep`; a space becomes '+'
// (application/x-www-form-urlencoded style, which arXiv documents) when space_as_plus is set.
std::string percent_encode(std::string_view text, std::string_view keep = {}, bool space_as_plus = false);

}  // namespace paperboy::sources
