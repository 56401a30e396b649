#pragma once
// Namespace-aware element matching on top of pugixml, which only knows qualified names.
// Prefixes are resolved from the xmlns declarations in scope, so feed-level declarations (current
// dialect) and per-element ones (legacy dialect) both work, whatever prefix the server picks.
#include <pugixml.hpp>
#include <string_view>

namespace paperboy::sources::arxiv {

inline constexpr std::string_view atom_ns = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view opensearch_ns = "http://a9.com/-/spec/opensearch/1.1/";
inline constexpr std::string_view arxiv_ns = "http://arxiv.org/schemas/atom";

// URI bound to the element's prefix (or the default namespace) at `node`; empty when unbound.
std::string_view namespace_uri(pugi::xml_node node);

// Name without its prefix.
std::string_view local_name(pugi::xml_node node);

bool is_element(pugi::xml_node node, std::string_view ns, std::string_view local);

// First child element with that expanded name, or an empty node.
pugi::xml_node child_element(pugi::xml_node parent, std::string_view ns, std::string_view local);

// Concatenated character data (text and CDATA) directly inside `node`.
std::string text_of(pugi::xml_node node);

}  // namespace paperboy::sources::arxiv
