#include "paperboy/render/markdown.hpp"

#include <boost/test/unit_test.hpp>

#include "paperboy/render/format.hpp"
#include "paperboy/render/labels.hpp"
#include "paperboy/render/text.hpp"
#include "sample_digest.hpp"

using namespace paperboy;
using namespace paperboy::render;
using render::test::person;
using render::test::sample_digest;

BOOST_AUTO_TEST_SUITE(render_markdown)

BOOST_AUTO_TEST_CASE(authors_first_five_then_et_al) {
    std::vector<core::author> authors;
    BOOST_TEST(format_authors(authors) == "");
    authors.push_back(person("A"));
    BOOST_TEST(format_authors(authors) == "A");
    for (const char* n : {"B", "C", "D", "E"}) authors.push_back(person(n));
    BOOST_TEST(format_authors(authors) == "A, B, C, D, E");
    authors.push_back(person("F"));
    BOOST_TEST(format_authors(authors) == "A, B, C, D, E et al.");
}

const char* const golden_markdown = R"(# LLM Papers Survey (2026-02-23)

1. **[Scaling Test-Time Compute for Agents](https://arxiv.org/abs/2602.10693)**
   - **Authors:** Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov et al.
   - **Published:** 2026-02-11 · **Source:** huggingface, arxiv · **arXiv:** [2602.10693](https://arxiv.org/abs/2602.10693)
   - **Summary:** Agents get better with more thinking time.
   - **Original abstract:** We study test-time compute. Agents improve.

2. **[Small Models, Big Claims](https://arxiv.org/abs/2602.11111)**
   - **Authors:** Jane Doe, John Roe
   - **Published:** 2026-02-12 · **Source:** arxiv · **arXiv:** [2602.11111](https://arxiv.org/abs/2602.11111)
   - **Summary:** A short abstract.
   - **Note:** The LLM summary failed; extractive summary shown.
   - **Original abstract:** A short abstract.

3. **[No Date Known](https://arxiv.org/abs/2602.22222)**
   - **Authors:** A One
   - **Source:** semantic\_scholar · **arXiv:** [2602.22222](https://arxiv.org/abs/2602.22222)
   - **Summary:** Summary three.
   - **Original abstract:** Abstract three.

4. **[Five Authors Exactly](https://arxiv.org/abs/2602.33333)**
   - **Authors:** B1, B2, B3, B4, B5
   - **Published:** 2026-02-14 · **Source:** arxiv · **arXiv:** [2602.33333](https://arxiv.org/abs/2602.33333)
   - **Summary:** Summary four.
   - **Original abstract:** Abstract four.

5. **[Tokens \<&\> \*Stars\*](https://arxiv.org/abs/2602.44444)**
   - **Authors:** C Three
   - **Published:** 2026-02-15 · **Source:** huggingface · **arXiv:** [2602.44444](https://arxiv.org/abs/2602.44444)
   - **Summary:** Summary five.
   - **Original abstract:** Uses a\_b and \[x\].

---

This digest is generated automatically; see each source for details.
)";

BOOST_AUTO_TEST_CASE(five_paper_digest_matches_the_design_shape) {
    BOOST_TEST(markdown(sample_digest()) == golden_markdown);
}

const char* const golden_text = R"(LLM Papers Survey (2026-02-23)

1. Scaling Test-Time Compute for Agents
   Authors: Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov et al.
   Published: 2026-02-11 · Source: huggingface, arxiv · arXiv: 2602.10693
   Summary: Agents get better with more thinking time.
   Original abstract: We study test-time compute. Agents improve.

2. Small Models, Big Claims
   Authors: Jane Doe, John Roe
   Published: 2026-02-12 · Source: arxiv · arXiv: 2602.11111
   Summary: A short abstract.
   Note: The LLM summary failed; extractive summary shown.
   Original abstract: A short abstract.

3. No Date Known
   Authors: A One
   Source: semantic_scholar · arXiv: 2602.22222
   Summary: Summary three.
   Original abstract: Abstract three.

4. Five Authors Exactly
   Authors: B1, B2, B3, B4, B5
   Published: 2026-02-14 · Source: arxiv · arXiv: 2602.33333
   Summary: Summary four.
   Original abstract: Abstract four.

5. Tokens <&> *Stars*
   Authors: C Three
   Published: 2026-02-15 · Source: huggingface · arXiv: 2602.44444
   Summary: Summary five.
   Original abstract: Uses a_b and [x].

This digest is generated automatically; see each source for details.
)";

BOOST_AUTO_TEST_CASE(plain_text_matches_the_design_shape) { BOOST_TEST(plain_text(sample_digest()) == golden_text); }

BOOST_AUTO_TEST_CASE(empty_digest_shows_the_reason) {
    core::digest d = sample_digest();
    d.entries.clear();
    d.empty_reason = "arXiv announced nothing today";
    BOOST_TEST(markdown(d) == "# LLM Papers Survey (2026-02-23)\n\n"
                              "No new papers: arXiv announced nothing today\n\n---\n\n"
                              "This digest is generated automatically; see each source for details.\n");
    BOOST_TEST(plain_text(d) == "LLM Papers Survey (2026-02-23)\n\n"
                                "No new papers: arXiv announced nothing today\n\n"
                                "This digest is generated automatically; see each source for details.\n");
}

BOOST_AUTO_TEST_CASE(japanese_labels) {
    core::digest d = sample_digest();
    d.language = "ja";
    d.entries.resize(2);
    const std::string md = markdown(d);
    BOOST_TEST(md.starts_with("# LLM論文サーベイ (2026-02-23)\n"));
    BOOST_TEST(md.find("   - **著者:** Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov et al.\n") !=
               std::string::npos);
    BOOST_TEST(md.find("   - **公開日:** 2026-02-11 · **ソース:** huggingface, arxiv · **arXiv:**") != std::string::npos);
    BOOST_TEST(md.find("   - **要約:** ") != std::string::npos);
    BOOST_TEST(md.find("   - **注記:** ") != std::string::npos);
    BOOST_TEST(md.find("   - **原文アブストラクト:** ") != std::string::npos);
    BOOST_TEST(md.ends_with("このダイジェストは自動生成されています。詳細は各ソースをご確認ください。\n"));
    BOOST_TEST(plain_text(d).starts_with("LLM論文サーベイ (2026-02-23)\n\n1. "));
    BOOST_TEST(&labels_for("ja-JP") == &labels_for("ja"));
    BOOST_TEST(labels_for("fr").summary == "Summary");  // English fallback
    BOOST_TEST(labels_for("ja").summary_button == "要約");
    BOOST_TEST(labels_for("ja").et_al == "et al.");
    d.entries.clear();
    BOOST_TEST(markdown(d).find("新着論文はありません\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(multi_line_summary_stays_in_its_list_item) {
    core::digest_entry e = sample_digest().entries[0];
    e.number = 10;  // "10. " is four wide, so nested lines need four spaces
    e.summary.text = "First line.\n\nSecond *line*.";
    e.paper.authors.resize(1);
    const std::string md = markdown_entry(e, "en");
    BOOST_TEST(md.starts_with("10. **[Scaling"));
    BOOST_TEST(md.find("\n    - **Authors:** Ada Lovelace\n") != std::string::npos);
    BOOST_TEST(md.find("\n    - **Summary:** First line.\n\n      Second \\*line\\*.\n") != std::string::npos);
    BOOST_TEST(plain_text_entry(e, "en").find("    Summary: First line.\n\n    Second *line*.\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(source_warnings_are_shown) {
    core::digest d = sample_digest();
    d.source_warnings = {"semantic_scholar: timeout"};
    BOOST_TEST(markdown(d).find("_Some sources could not be reached: semantic\\_scholar: timeout_\n") !=
               std::string::npos);
    BOOST_TEST(plain_text(d).find("Some sources could not be reached: semantic_scholar: timeout\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
