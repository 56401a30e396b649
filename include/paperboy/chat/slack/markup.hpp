#pragma once
// Slack's message markup turned into the plain text the bot understands (external-apis.md f.3):
// "<@U123>", "<#C123|general>", "<!here>" are dropped; links "<https://x|label>" and "<https://x>"
// become " https://x label " (the label only when keep_labels); "&lt;", "&gt;", "&amp;" are
// decoded. Slack escapes a '<' the user typed as "&lt;", so every raw '<' is markup; an unmatched
// one is kept. Pure.
#include <string>
#include <string_view>

namespace paperboy::chat::slack {

std::string plain_text(std::string_view text, bool keep_labels);

}  // namespace paperboy::chat::slack
