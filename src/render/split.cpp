#include "paperboy/render/split.hpp"

#include "paperboy/core/text.hpp"

namespace paperboy::render {
namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\u3000'; }
bool is_full_stop(char32_t c) { return c == U'。' || c == U'！' || c == U'？'; }
bool is_ascii_stop(char32_t c) { return c == U'.' || c == U'!' || c == U'?'; }

// Code points that belong to the previous one: cutting before them would orphan an accent, a
// dakuten, an emoji modifier or half of a ZWJ sequence.
bool is_extend(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || c == 0x3099 || c == 0x309A || c == 0x200D ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
           (c >= 0xE0020 && c <= 0xE007F);
}

// Best cut in (begin, limit], where [begin, limit) is the longest prefix that fits.
std::size_t best_cut(std::string_view text, std::size_t begin, std::size_t limit) {
    const std::size_t half = begin + (limit - begin) / 2;
    std::size_t line = 0, sentence = 0, space = 0, boundary = 0;
    char32_t prev2 = 0, prev = 0;
    for (std::size_t pos = begin; pos <= limit;) {
        const bool at_end = pos == text.size();
        const auto d = at_end ? decoded{0, 1} : decode_utf8(text, pos);
        if (pos > begin) {  // a boundary between prev and d
            if (prev == U'\n') line = pos;
            if (is_full_stop(prev) || (is_space(prev) && is_ascii_stop(prev2))) sentence = pos;
            if (is_space(prev)) space = pos;
            if (at_end || (!is_extend(d.code_point) && prev != 0x200D)) boundary = pos;
        }
        if (pos == limit) break;
        prev2 = prev, prev = d.code_point;
        pos += d.length;
    }
    for (std::size_t cut : {line, sentence, space})
        if (cut > begin && cut >= half) return cut;
    return boundary > begin ? boundary : limit;
}

}  // namespace

std::vector<std::string> split_text(std::string_view text, std::size_t max_length, char_cost cost) {
    std::vector<std::string> pieces;
    for (std::size_t begin = 0; begin < text.size();) {
        std::size_t used = 0, limit = begin;
        while (limit < text.size()) {
            const auto d = decode_utf8(text, limit);
            if (used + cost(d.code_point) > max_length) break;
            used += cost(d.code_point);
            limit += d.length;
        }
        std::size_t cut = limit;
        if (limit == begin)
            cut = begin + decode_utf8(text, begin).length;  // one code point over the limit alone
        else if (limit < text.size())
            cut = best_cut(text, begin, limit);
        pieces.emplace_back(text.substr(begin, cut - begin));
        begin = cut;
    }
    return pieces;
}

std::string truncate_text(std::string_view text, std::size_t max_length, char_cost cost) {
    if (text_length(text, cost) <= max_length) return std::string(text);
    const std::size_t ellipsis = cost(U'…');
    if (max_length < ellipsis) return {};
    auto pieces = split_text(text, max_length - ellipsis, cost);
    std::string out = pieces.empty() ? std::string() : std::move(pieces.front());
    if (text_length(out, cost) > max_length - ellipsis) out.clear();  // a lone oversized code point
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\t')) out.pop_back();
    return out + "…";
}

std::string first_sentence(std::string_view text, std::size_t max_length, char_cost cost) {
    const std::string flat = core::collapse_whitespace(text);
    constexpr std::size_t min_sentence = 20;  // so "1." or "e.g. " is not taken for a sentence
    std::size_t count = 0;
    char32_t prev = 0;
    for (std::size_t pos = 0; pos < flat.size();) {
        const auto d = decode_utf8(flat, pos);
        const bool ends = is_full_stop(d.code_point) || (d.code_point == U' ' && is_ascii_stop(prev));
        const std::size_t end = d.code_point == U' ' ? pos : pos + d.length;
        pos += d.length;
        ++count;
        prev = d.code_point;
        if (!ends || count < min_sentence) continue;
        std::string_view sentence(flat.data(), end);
        if (text_length(sentence, cost) <= max_length) return std::string(sentence);
        break;
    }
    return truncate_text(flat, max_length, cost);
}

}  // namespace paperboy::render
