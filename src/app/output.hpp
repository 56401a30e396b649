#pragma once
// Rendering a digest or one paper for the command line, in the format the user asked for.
#include <optional>
#include <string>

#include "paperboy/core/digest.hpp"

namespace paperboy::app {

enum class output_format { markdown, html, json, text, slack, discord };

std::optional<output_format> parse_format(const std::string& name);

// slack and discord print one message body (JSON) per line, as they would be posted.
std::string render_digest(const core::digest& d, output_format f);
// One paper with its full summary and original abstract. json and html show it as a one-paper digest.
std::string render_entry(const core::digest_entry& e, const core::digest& context, output_format f);

}  // namespace paperboy::app
