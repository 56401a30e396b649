#pragma once
// Type-checked access to JSON from LLM providers (private to paperboy_summarize). Absent, null or
// wrongly typed fields give nothing; nothing here throws (STYLE.md: outside JSON never throws).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace paperboy::summarize::json_access {

using json = nlohmann::json;

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

// Integer fields (token counts) clamped to int; codes may also come as numbers (vLLM's "code":400).
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

}  // namespace paperboy::summarize::json_access
