#include "paperboy/render/json.hpp"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "paperboy/core/time.hpp"

namespace paperboy::render {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

template <class T, class F>
ojson optional_json(const std::optional<T>& v, F&& convert) {
    return v ? ojson(convert(*v)) : ojson(nullptr);
}
const auto same = [](const auto& v) { return v; };

ojson paper_json(const core::paper& p) {
    ojson authors = ojson::array();
    for (const auto& a : p.authors) authors.push_back(ojson{{"name", a.name}, {"affiliations", a.affiliations}});
    const auto& s = p.signals;
    ojson signals;
    signals["hf_upvotes"] = optional_json(s.hf_upvotes, same);
    signals["hf_comments"] = optional_json(s.hf_comments, same);
    signals["github_repo"] = optional_json(s.github_repo, same);
    signals["github_stars"] = optional_json(s.github_stars, same);
    signals["hf_submitted_on"] = optional_json(s.hf_submitted_on, core::format_ymd);
    signals["citations"] = optional_json(s.citations, same);
    signals["influential_citations"] = optional_json(s.influential_citations, same);
    signals["venue"] = optional_json(s.venue, same);
    signals["tldr"] = optional_json(s.tldr, same);
    ojson j;
    j["arxiv_id"] = p.arxiv_id;
    j["version"] = p.version;
    j["title"] = p.title;
    j["abstract"] = p.abstract;
    j["authors"] = std::move(authors);
    j["published"] = optional_json(p.published, core::format_rfc3339);
    j["updated"] = optional_json(p.updated, core::format_rfc3339);
    j["primary_category"] = p.primary_category;
    j["categories"] = p.categories;
    j["abs_url"] = p.abs_url;
    j["pdf_url"] = p.pdf_url;
    j["doi"] = p.doi;
    j["comment"] = p.comment;
    j["journal_ref"] = p.journal_ref;
    j["signals"] = std::move(signals);
    j["sources"] = p.sources;
    return j;
}

// Reads values out of parsed JSON, remembering the first error with its path.
class reader {
public:
    std::optional<std::string> failure;

    const json* find(const json& obj, std::string_view key) {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }
    bool fail(const std::string& path, std::string_view what) {
        if (!failure) failure = path + ": " + std::string(what);
        return false;
    }
    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }

    // Each reader leaves `out` alone when the key is missing.
    void string(const json& obj, std::string_view key, const std::string& path, std::string& out) {
        if (const json* v = find(obj, key)) {
            if (v->is_string()) out = v->get_ref<const std::string&>();
            else fail(join(path, key), "expected string");
        }
    }
    void integer(const json& obj, std::string_view key, const std::string& path, int& out) {
        if (const json* v = find(obj, key)) to_int(*v, join(path, key), out);
    }
    void strings(const json& obj, std::string_view key, const std::string& path, std::vector<std::string>& out) {
        const json* v = find(obj, key);
        if (!v) return;
        if (!v->is_array()) return (void)fail(join(path, key), "expected array of strings");
        out.clear();
        for (const auto& item : *v) {
            if (!item.is_string()) return (void)fail(join(path, key), "expected array of strings");
            out.push_back(item.get<std::string>());
        }
    }
    // Optional values: null or missing is "absent"; `parse` turns the JSON value into T.
    template <class T, class Parse>
    void optional(const json& obj, std::string_view key, const std::string& path, std::optional<T>& out,
                  std::string_view expected, Parse&& parse) {
        const json* v = find(obj, key);
        if (!v) return;
        if (v->is_null()) return out.reset();
        std::optional<T> parsed = parse(*v);
        if (!parsed) return (void)fail(join(path, key), "expected " + std::string(expected) + " or null");
        out = std::move(parsed);
    }
    bool to_int(const json& v, const std::string& path, int& out) {
        if (v.is_number_unsigned() && v.get<std::uint64_t>() <= INT_MAX) return out = v.get<int>(), true;
        if (v.is_number_integer() && !v.is_number_unsigned()) {
            const auto n = v.get<std::int64_t>();
            if (n >= INT_MIN && n <= INT_MAX) return out = static_cast<int>(n), true;
        }
        return fail(path, "expected integer");
    }
};

std::optional<int> as_int(const json& v) {
    reader r;
    int n = 0;
    return r.to_int(v, "", n) ? std::optional<int>(n) : std::nullopt;
}
std::optional<std::string> as_string(const json& v) {
    return v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
}
std::optional<std::chrono::sys_days> as_day(const json& v) {
    return v.is_string() ? core::parse_ymd(v.get_ref<const std::string&>()) : std::nullopt;
}
std::optional<std::chrono::sys_seconds> as_time(const json& v) {
    return v.is_string() ? core::parse_rfc3339(v.get_ref<const std::string&>()) : std::nullopt;
}

void read_paper(reader& r, const json& j, const std::string& path, core::paper& p) {
    r.string(j, "arxiv_id", path, p.arxiv_id);
    r.string(j, "version", path, p.version);
    r.string(j, "title", path, p.title);
    r.string(j, "abstract", path, p.abstract);
    if (const json* authors = r.find(j, "authors")) {
        const std::string apath = reader::join(path, "authors");
        if (!authors->is_array()) return (void)r.fail(apath, "expected array");
        for (std::size_t i = 0; i < authors->size(); ++i) {
            const json& a = (*authors)[i];
            const std::string ipath = apath + "[" + std::to_string(i) + "]";
            if (!a.is_object()) return (void)r.fail(ipath, "expected object");
            auto& author = p.authors.emplace_back();
            r.string(a, "name", ipath, author.name);
            r.strings(a, "affiliations", ipath, author.affiliations);
        }
    }
    r.optional(j, "published", path, p.published, "RFC 3339 time", as_time);
    r.optional(j, "updated", path, p.updated, "RFC 3339 time", as_time);
    r.string(j, "primary_category", path, p.primary_category);
    r.strings(j, "categories", path, p.categories);
    r.string(j, "abs_url", path, p.abs_url);
    r.string(j, "pdf_url", path, p.pdf_url);
    r.string(j, "doi", path, p.doi);
    r.string(j, "comment", path, p.comment);
    r.string(j, "journal_ref", path, p.journal_ref);
    if (const json* s = r.find(j, "signals")) {
        const std::string spath = reader::join(path, "signals");
        if (!s->is_object()) return (void)r.fail(spath, "expected object");
        auto& sig = p.signals;
        r.optional(*s, "hf_upvotes", spath, sig.hf_upvotes, "integer", as_int);
        r.optional(*s, "hf_comments", spath, sig.hf_comments, "integer", as_int);
        r.optional(*s, "github_repo", spath, sig.github_repo, "string", as_string);
        r.optional(*s, "github_stars", spath, sig.github_stars, "integer", as_int);
        r.optional(*s, "hf_submitted_on", spath, sig.hf_submitted_on, "YYYY-MM-DD date", as_day);
        r.optional(*s, "citations", spath, sig.citations, "integer", as_int);
        r.optional(*s, "influential_citations", spath, sig.influential_citations, "integer", as_int);
        r.optional(*s, "venue", spath, sig.venue, "string", as_string);
        r.optional(*s, "tldr", spath, sig.tldr, "string", as_string);
    }
    r.strings(j, "sources", path, p.sources);
}

void read_entry(reader& r, const json& j, const std::string& path, core::digest_entry& e) {
    if (!j.is_object()) return (void)r.fail(path, "expected object");
    r.integer(j, "number", path, e.number);
    if (const json* score = r.find(j, "score")) {
        if (score->is_number()) e.score = score->get<double>();
        else if (score->is_null()) e.score = std::numeric_limits<double>::quiet_NaN();
        else r.fail(path + ".score", "expected number or null");
    }
    if (const json* p = r.find(j, "paper")) {
        if (!p->is_object()) return (void)r.fail(path + ".paper", "expected object");
        read_paper(r, *p, path + ".paper", e.paper);
    }
    if (const json* s = r.find(j, "summary")) {
        if (!s->is_object()) return (void)r.fail(path + ".summary", "expected object");
        r.string(*s, "text", path + ".summary", e.summary.text);
        r.string(*s, "language", path + ".summary", e.summary.language);
        r.string(*s, "model", path + ".summary", e.summary.model);
        r.string(*s, "note", path + ".summary", e.summary.note);
    }
}

}  // namespace

std::string to_json(const core::digest& d) {
    ojson entries = ojson::array();
    for (const auto& e : d.entries) {
        ojson entry;
        entry["number"] = e.number;
        entry["score"] = std::isfinite(e.score) ? ojson(e.score) : ojson(nullptr);
        entry["paper"] = paper_json(e.paper);
        entry["summary"] = ojson{{"text", e.summary.text},
                                 {"language", e.summary.language},
                                 {"model", e.summary.model},
                                 {"note", e.summary.note}};
        entries.push_back(std::move(entry));
    }
    ojson j;
    j["format"] = 1;
    j["date"] = core::format_ymd(d.date);
    j["profile"] = d.profile;
    j["language"] = d.language;
    j["generated_at"] = optional_json(d.generated_at, core::format_rfc3339);
    j["empty_reason"] = d.empty_reason;
    j["source_warnings"] = d.source_warnings;
    j["entries"] = std::move(entries);
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

result<core::digest> digest_from_json(std::string_view text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return error{"digest JSON: not valid JSON"};
    if (!j.is_object()) return error{"digest JSON: expected an object"};
    reader r;
    core::digest d;
    int format = 1;
    r.integer(j, "format", "", format);
    if (!r.failure && format != 1) r.fail("format", "unsupported version " + std::to_string(format));
    if (const json* date = r.find(j, "date")) {
        auto day = as_day(*date);
        if (day) d.date = *day;
        else r.fail("date", "expected YYYY-MM-DD date");
    }
    r.string(j, "profile", "", d.profile);
    r.string(j, "language", "", d.language);
    r.optional(j, "generated_at", "", d.generated_at, "RFC 3339 time", as_time);
    r.string(j, "empty_reason", "", d.empty_reason);
    r.strings(j, "source_warnings", "", d.source_warnings);
    if (const json* entries = r.find(j, "entries")) {
        if (!entries->is_array()) r.fail("entries", "expected array");
        else
            for (std::size_t i = 0; i < entries->size() && !r.failure; ++i)
                read_entry(r, (*entries)[i], "entries[" + std::to_string(i) + "]", d.entries.emplace_back());
    }
    if (r.failure) return error{"digest JSON: " + *r.failure};
    return d;
}

}  // namespace paperboy::render
