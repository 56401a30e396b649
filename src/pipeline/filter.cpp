#include "paperboy/pipeline/filter.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "paperboy/pipeline/keywords.hpp"

namespace paperboy::pipeline {
namespace {

// With a trusted category: an include keyword in the title or two in the abstract (one common
// word such as "benchmark" in the abstract of a cs.LG paper is not enough).
constexpr double category_fit = 0.35;
constexpr double standalone_fit = 0.6;  // without one: clearly more, e.g. two in the title

struct paper_words {
    std::vector<std::string> title;
    std::vector<std::string> abstract;
    explicit paper_words(const core::paper& p) : title(words_of(p.title)), abstract(words_of(p.abstract)) {}
    bool any(const keyword& kw) const { return matches(title, kw) || matches(abstract, kw); }
};

struct evidence {
    double raw = 0;  // weighted keyword sum before saturation
    bool strong = false;
    bool excluded = false;
};

evidence gather(const profile& prof, const paper_words& words) {
    evidence e;
    std::set<std::vector<std::string>> seen;  // the same phrase listed twice counts once
    auto weigh = [&](const std::vector<std::string>& list, double in_title, double in_abstract, bool strong) {
        for (const auto& text : list) {
            auto kw = compile_keyword(text);
            if (kw.words.empty() || !seen.insert(kw.words).second) continue;
            double w = matches(words.title, kw) ? in_title : matches(words.abstract, kw) ? in_abstract : 0.0;
            e.raw += w;
            if (strong && w > 0) e.strong = true;
        }
    };
    weigh(prof.strong_keywords, 1.0, 0.5, true);
    weigh(prof.include_keywords, 0.5, 0.25, false);
    e.excluded = std::any_of(prof.exclude_keywords.begin(), prof.exclude_keywords.end(),
                             [&](const std::string& text) { return words.any(compile_keyword(text)); });
    return e;
}

double saturate(double raw) { return 1.0 - std::exp(-raw); }

bool in_categories(const profile& prof, const core::paper& paper) {
    auto listed = [&](const std::string& c) {
        return std::find(prof.categories.begin(), prof.categories.end(), c) != prof.categories.end();
    };
    return (!paper.primary_category.empty() && listed(paper.primary_category)) ||
           std::any_of(paper.categories.begin(), paper.categories.end(), listed);
}

}  // namespace

double keyword_fit(const profile& p, const core::paper& paper) { return saturate(gather(p, paper_words(paper)).raw); }

bool accepts(const profile& p, const core::paper& paper) {
    auto e = gather(p, paper_words(paper));
    if (e.excluded && !e.strong) return false;
    if (e.strong) return true;
    double fit = saturate(e.raw);
    if (fit >= category_fit && in_categories(p, paper)) return true;
    return fit >= standalone_fit;
}

}  // namespace paperboy::pipeline
