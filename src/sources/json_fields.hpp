#pragma once
// Type-checked field access for JSON from outside (private to paperboy_sources).
// Every accessor returns nothing when the key is absent, null or of another type: upstream
// schemas drift, and a wrong type must never throw (STYLE.md: JSON from outside never throws).
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace paperboy::sources::json_fields {

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

inline std::optional<std::string> string_at(const json& object, const char* key) {
    const json* v = member(object, key);
    if (!v || !v->is_string()) return std::nullopt;
    return v->get_ref<const std::string&>();
}

// Integers only (a float such as 1.5 is a schema change we do not guess about), clamped to int.
inline std::optional<int> int_at(const json& object, const char* key) {
    const json* v = member(object, key);
    if (!v) return std::nullopt;
    constexpr auto max = static_cast<std::int64_t>(std::numeric_limits<int>::max());
    if (v->is_number_unsigned()) {
        auto u = v->get<std::uint64_t>();
        return static_cast<int>(u > static_cast<std::uint64_t>(max) ? max : static_cast<std::int64_t>(u));
    }
    if (v->is_number_integer()) {
        auto i = v->get<std::int64_t>();
        if (i > max) i = max;
        if (i < -max) i = -max;
        return static_cast<int>(i);
    }
    return std::nullopt;
}

}  // namespace paperboy::sources::json_fields
