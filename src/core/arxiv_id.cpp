#include "paperboy/core/arxiv_id.hpp"

#include <algorithm>
#include <cctype>

namespace paperboy::core {
namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Splits a trailing "vN" off `s`; returns false when the suffix is malformed ("v", "vx").
bool split_version(std::string_view& s, std::string& version) {
    auto v = s.rfind('v');
    if (v == std::string_view::npos || v == 0) return true;
    auto digits = s.substr(v + 1);
    if (!all_digits(digits)) return true;  // not a version suffix; let the id check decide
    version.assign("v").append(digits);  // not "v" + string: GCC 12 -O3 warns falsely (PR105651)
    s = s.substr(0, v);
    return true;
}

// New style: YYMM.NNNN or YYMM.NNNNN (2007 onwards).
bool is_new_style(std::string_view s) {
    auto dot = s.find('.');
    if (dot != 4) return false;
    auto yymm = s.substr(0, 4), number = s.substr(5);
    if (!all_digits(yymm) || !all_digits(number)) return false;
    if (number.size() != 4 && number.size() != 5) return false;
    int month = (yymm[2] - '0') * 10 + (yymm[3] - '0');
    return month >= 1 && month <= 12;
}

// Old style: archive[.SUBJ]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
bool is_old_style(std::string_view s) {
    auto slash = s.find('/');
    if (slash == std::string_view::npos || slash == 0) return false;
    auto archive = s.substr(0, slash), number = s.substr(slash + 1);
    if (number.size() != 7 || !all_digits(number)) return false;
    return std::all_of(archive.begin(), archive.end(), [](unsigned char c) {
        return std::isalpha(c) || c == '-' || c == '.';
    });
}

std::string_view strip_url(std::string_view s) {
    for (std::string_view scheme : {"https://", "http://"}) {
        if (s.starts_with(scheme)) {
            s.remove_prefix(scheme.size());
            if (s.starts_with("www.")) s.remove_prefix(4);
            if (s.starts_with("export.")) s.remove_prefix(7);
            if (!s.starts_with("arxiv.org/")) return {};
            s.remove_prefix(10);
            for (std::string_view kind : {"abs/", "pdf/", "html/"}) {
                if (s.starts_with(kind)) {
                    s.remove_prefix(kind.size());
                    auto end = s.find_first_of("?#");
                    s = s.substr(0, end);
                    if (s.ends_with(".pdf")) s.remove_suffix(4);
                    while (s.ends_with('/')) s.remove_suffix(1);
                    return s;
                }
            }
            return {};
        }
    }
    return s;
}

}  // namespace

std::optional<parsed_arxiv_id> parse_arxiv_id(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.size() >= 6) {
        std::string head(text.substr(0, 6));
        std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
        if (head == "arxiv:") text.remove_prefix(6);
    }
    text = strip_url(text);
    if (text.empty() || text.size() > 64) return std::nullopt;
    parsed_arxiv_id out;
    split_version(text, out.version);
    if (is_new_style(text) || is_old_style(text)) {
        out.id = std::string(text);
        return out;
    }
    return std::nullopt;
}

bool is_arxiv_id(std::string_view text) {
    auto p = parse_arxiv_id(text);
    return p && (p->id == text || p->id + p->version == text);
}

}  // namespace paperboy::core
