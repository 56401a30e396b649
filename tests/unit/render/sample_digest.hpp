#pragma once
// Digests built in code for the renderer tests.
#include <chrono>
#include <string>

#include "paperboy/core/digest.hpp"

namespace paperboy::render::test {

using namespace std::chrono;

inline core::author person(std::string name) { return core::author{std::move(name), {}}; }

// Five papers covering the shapes renderers must handle: more than five authors, a fallback note,
// no publication date, a single source, special characters.
inline core::digest sample_digest() {
    core::digest d;
    d.date = sys_days{2026y / February / 23};
    d.profile = "llm";
    d.language = "en";
    d.generated_at = sys_days{2026y / February / 23} + 7h;

    core::digest_entry e;
    e.number = 1;
    e.score = 0.71;
    e.paper.arxiv_id = "2602.10693";
    e.paper.version = "v1";
    e.paper.title = "Scaling Test-Time Compute for Agents";
    e.paper.abstract = "We study test-time compute. Agents improve.";
    for (const char* n : {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov",
                          "Donald Knuth", "Tony Hoare"})
        e.paper.authors.push_back(person(n));
    e.paper.published = sys_days{2026y / February / 11} + 17h + 59min;
    e.paper.sources = {"huggingface", "arxiv"};
    e.summary = {"Agents get better with more thinking time.", "en", "extractive", ""};
    d.entries.push_back(e);

    e = {};
    e.number = 2;
    e.paper.arxiv_id = "2602.11111";
    e.paper.title = "Small Models, Big Claims";
    e.paper.abstract = "A short abstract.";
    e.paper.authors = {person("Jane Doe"), person("John Roe")};
    e.paper.published = sys_days{2026y / February / 12};
    e.paper.sources = {"arxiv"};
    e.summary = {"A short abstract.", "en", "extractive", "The LLM summary failed; extractive summary shown."};
    d.entries.push_back(e);

    e = {};
    e.number = 3;
    e.paper.arxiv_id = "2602.22222";
    e.paper.title = "No Date Known";
    e.paper.abstract = "Abstract three.";
    e.paper.authors = {person("A One")};
    e.paper.sources = {"semantic_scholar"};
    e.summary = {"Summary three.", "en", "openai:gpt-4o-mini", ""};
    d.entries.push_back(e);

    e = {};
    e.number = 4;
    e.paper.arxiv_id = "2602.33333";
    e.paper.title = "Five Authors Exactly";
    e.paper.abstract = "Abstract four.";
    for (const char* n : {"B1", "B2", "B3", "B4", "B5"}) e.paper.authors.push_back(person(n));
    e.paper.published = sys_days{2026y / February / 14};
    e.paper.sources = {"arxiv"};
    e.summary = {"Summary four.", "en", "extractive", ""};
    d.entries.push_back(e);

    e = {};
    e.number = 5;
    e.paper.arxiv_id = "2602.44444";
    e.paper.title = "Tokens <&> *Stars*";
    e.paper.abstract = "Uses a_b and [x].";
    e.paper.authors = {person("C Three")};
    e.paper.published = sys_days{2026y / February / 15};
    e.paper.sources = {"huggingface"};
    e.summary = {"Summary five.", "en", "extractive", ""};
    d.entries.push_back(e);
    return d;
}

// `n` papers with long Japanese summaries and abstracts, to force splitting.
inline core::digest japanese_digest(int n, int sentences = 40) {
    core::digest d;
    d.date = sys_days{2026y / March / 2};
    d.profile = "llm";
    d.language = "ja";
    std::string sentence = "大規模言語モデルの推論能力を😀評価する新しい手法を提案する。";
    for (int i = 1; i <= n; ++i) {
        core::digest_entry e;
        e.number = i;
        e.paper.arxiv_id = "2603." + std::to_string(10000 + i);
        e.paper.title = "論文 " + std::to_string(i) + ": 言語モデル & <推論>";
        for (int a = 0; a < 8; ++a) e.paper.authors.push_back(person("著者" + std::to_string(a)));
        e.paper.published = sys_days{2026y / February / 28};
        e.paper.sources = {"arxiv"};
        for (int s = 0; s < sentences; ++s) e.summary.text += sentence;
        e.paper.abstract = std::string(3000, 'x').insert(0, "We propose. ");
        e.summary.language = "ja";
        e.summary.model = "anthropic:claude";
        if (i % 7 == 0) e.summary.note = "LLMの要約に失敗したため抽出要約を表示しています。";
        d.entries.push_back(e);
    }
    return d;
}

}  // namespace paperboy::render::test
