#pragma once
// What the bot answers: a short text, a digest, or one paper's full entry. Platform-neutral; the
// publisher renders it through the platform's port.
#include <string>

#include "paperboy/core/digest.hpp"

namespace paperboy::bot {

struct answer {
    enum class kind { text, digest, entry };
    kind what = kind::text;
    bool ephemeral = true;  // kind text: only the asker sees it (where the platform can do that)
    std::string text;
    core::digest digest;       // kind digest; for kind entry the context (date, profile, language)
    core::digest_entry entry;  // kind entry
    std::string layout = "full";  // kind digest: full (papers in the thread) or compact (on request)
};

inline answer text_answer(std::string text, bool ephemeral = true) {
    answer a;
    a.text = std::move(text);
    a.ephemeral = ephemeral;
    return a;
}

}  // namespace paperboy::bot
