#include "xml_names.hpp"

#include <string>

namespace paperboy::sources::arxiv {

std::string_view namespace_uri(pugi::xml_node node) {
    std::string_view name = node.name();
    auto colon = name.find(':');
    std::string declaration = "xmlns";
    if (colon != std::string_view::npos) {
        auto prefix = name.substr(0, colon);
        if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";  // bound by definition
        declaration.append(":").append(prefix);
    }
    for (auto n = node; n && n.type() == pugi::node_element; n = n.parent()) {
        // xmlns="" un-declares the default namespace; value() is then "" which reads as unbound.
        if (auto attr = n.attribute(declaration.c_str())) return attr.value();
    }
    return {};
}

std::string_view local_name(pugi::xml_node node) {
    std::string_view name = node.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_element(pugi::xml_node node, std::string_view ns, std::string_view local) {
    return node.type() == pugi::node_element && local_name(node) == local && namespace_uri(node) == ns;
}

pugi::xml_node child_element(pugi::xml_node parent, std::string_view ns, std::string_view local) {
    for (auto c : parent.children())
        if (is_element(c, ns, local)) return c;
    return {};
}

std::string text_of(pugi::xml_node node) {
    std::string out;
    for (auto c : node.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    return out;
}

}  // namespace paperboy::sources::arxiv
