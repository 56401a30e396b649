#include "paperboy/core/text.hpp"

#include <array>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace paperboy::core {

namespace {

// One table lookup a byte: parsers run this over every title and abstract they read.
constexpr auto space_table = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[c] = true;
    return t;
}();

inline bool is_space(char c) { return space_table[static_cast<unsigned char>(c)]; }

}  // namespace

std::string collapse_whitespace(std::string_view text) {
    const char* p = text.data();
    const char* end = p + text.size();
    while (p != end && is_space(*p)) ++p;
    while (end != p && is_space(end[-1])) --end;
    std::string out;
    out.reserve(static_cast<std::size_t>(end - p));
    bool pending_space = false;
    auto scalar = [&](const char* stop) {
        for (; p != stop; ++p) {
            if (is_space(*p)) {
                pending_space = true;
                continue;
            }
            if (pending_space) out.push_back(' ');
            pending_space = false;
            out.push_back(*p);
        }
    };
#ifdef __SSE2__
    // Most text needs no change: copy 16 bytes at a time while a block has no whitespace other
    // than single spaces followed by a non-space (bytes up to 0x20 count as whitespace candidates;
    // the scalar loop sorts them out).
    const __m128i limit = _mm_set1_epi8(0x20);
    while (end - p > 16) {
        const __m128i cur = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
        const __m128i cur_ws = _mm_cmpeq_epi8(_mm_max_epu8(cur, limit), limit);
        const __m128i next_ws = _mm_cmpeq_epi8(_mm_max_epu8(next, limit), limit);
        const __m128i is_space_byte = _mm_cmpeq_epi8(cur, limit);
        const __m128i trouble =
            _mm_or_si128(_mm_andnot_si128(is_space_byte, cur_ws), _mm_and_si128(is_space_byte, next_ws));
        if (!pending_space && _mm_movemask_epi8(trouble) == 0) {
            out.append(p, 16);
            p += 16;
        } else {
            scalar(p + 16);
        }
    }
#endif
    scalar(end);
    return out;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text.size();
    std::size_t n = max_bytes;
    // Step back over continuation bytes (10xxxxxx) to the start of the cut sequence.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return n;
}

}  // namespace paperboy::core
