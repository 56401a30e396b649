#pragma once
// Type-checked reads of JSON from outside (upstream APIs, chat platforms). A key that is absent,
// null or of another type reads as absent; nothing here throws (STYLE.md: JSON from outside is
// parsed without throwing). Header-only over nlohmann::json.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace paperboy::json_fields {

using json = nlohmann::json;

// A discarded value (is_discarded()) for anything that is not JSON.
inline json parse(std::string_view body) { return json::parse(body.begin(), body.end(), nullptr, false); }

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

inline std::optional<std::string> string_at(const json& object, const char* key) {
    const json* v = member(object, key);
    if (!v || !v->is_string()) return std::nullopt;
    return v->get_ref<const std::string&>();
}

// The string at `key`, or "" when there is none.
inline std::string text_at(const json& object, const char* key) { return string_at(object, key).value_or(""); }

// Integers only (a float such as 1.5 is a schema change we do not guess about), clamped to int.
inline std::optional<int> int_at(const json& object, const char* key) {
    const json* v = member(object, key);
    if (!v) return std::nullopt;
    constexpr auto max = static_cast<std::int64_t>(std::numeric_limits<int>::max());
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        return static_cast<int>(u > static_cast<std::uint64_t>(max) ? max : static_cast<std::int64_t>(u));
    }
    if (v->is_number_integer()) return static_cast<int>(std::clamp(v->get<std::int64_t>(), -max, max));
    return std::nullopt;
}

inline bool bool_at(const json& object, const char* key, bool fallback = false) {
    const json* v = member(object, key);
    return v && v->is_boolean() ? v->get<bool>() : fallback;
}

}  // namespace paperboy::json_fields
