#pragma once
// The digest as an HTML fragment (<article>), shared by the page and the Atom feed content.
#include <string>

#include "paperboy/core/digest.hpp"

namespace paperboy::render::detail {

std::string html_article(const core::digest& d);

}  // namespace paperboy::render::detail
