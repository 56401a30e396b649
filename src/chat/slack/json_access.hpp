#pragma once
// Type-checked reads of JSON from Slack (private to paperboy_chat_slack): a key that is absent,
// null or of another type reads as absent, never throws (STYLE.md: JSON from outside never throws).
#include <nlohmann/json.hpp>
#include <string>

namespace paperboy::chat::slack::json_access {

using json = nlohmann::json;

inline const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

inline const json* object_at(const json& object, const char* key) {
    const json* v = member(object, key);
    return v && v->is_object() ? v : nullptr;
}

inline const json* array_at(const json& object, const char* key) {
    const json* v = member(object, key);
    return v && v->is_array() ? v : nullptr;
}

// The string at `key`, or "" when there is none.
inline std::string string_at(const json& object, const char* key) {
    const json* v = member(object, key);
    return v && v->is_string() ? v->get_ref<const std::string&>() : std::string();
}

inline bool bool_at(const json& object, const char* key, bool fallback = false) {
    const json* v = member(object, key);
    return v && v->is_boolean() ? v->get<bool>() : fallback;
}

}  // namespace paperboy::chat::slack::json_access
