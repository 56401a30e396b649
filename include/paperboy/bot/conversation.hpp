#pragma once
// Where a command, thread reply or button press came from, whatever the platform: the bot answers
// conversations, not Slack or Discord requests (DESIGN.md).
#include <string>

namespace paperboy::bot {

struct conversation {
    std::string platform;   // "slack", "discord"
    std::string workspace;  // Slack team id, Discord guild id
    std::string channel;
    std::string thread;  // the thread the message is in (its parent's id), else empty
    std::string user;    // who asked
    std::string locale;  // the requester's locale when the platform tells it ("ja", "en-US"), else empty
    // Where an answer only the requester sees can go (Slack: the command's response_url), else empty.
    std::string private_reply;
};

// A channel's settings with the configuration's defaults filled in.
struct resolved_settings {
    std::string profile;
    std::string language;
    std::string layout;  // full | compact
    bool profile_set = false, language_set = false, layout_set = false;  // chosen for this channel
};

}  // namespace paperboy::bot
