#include "paperboy/pipeline/keywords.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace bdata = boost::unit_test::data;
using namespace paperboy::pipeline;

BOOST_AUTO_TEST_SUITE(keywords)

struct mention_case {
    const char* text;
    const char* keyword;
    bool expected;
};
std::ostream& operator<<(std::ostream& os, const mention_case& c) {
    return os << '"' << c.text << "\" ~ \"" << c.keyword << '"';
}

const mention_case cases[] = {
    {"LLMs are few-shot learners", "LLM", true},           // plural
    {"an lLm agent", "LLM", true},                         // case
    {"LLM's limits", "LLM", true},                         // apostrophe separates
    {"LLM\xE2\x80\x99s limits", "LLM", true},              // so does a UTF-8 apostrophe
    {"LLM-based planning", "LLM", true},
    {"an ALLM model", "LLM", false},
    {"a new reagent for synthesis", "agent", false},       // inside a word
    {"multi-agent systems", "agent", true},
    {"agents and agentic workflows", "agent", true},
    {"agentic workflows", "agent", false},
    {"Chain-of-Thought prompting", "chain-of-thought", true},
    {"chain of thought", "chain-of-thought", true},
    {"chain-of-thoughts", "chain of thought", true},
    {"KV-cache compression", "KV cache", true},
    {"the kv  cache", "KV cache", true},
    {"sparse Mixture-of-Experts layers", "mixture of experts", true},
    {"mixture of expert", "mixture of experts", false},
    {"Large Language\nModels", "large language model", true},
    {"language modeling", "language model", false},
    {"languagemodel", "language model", false},
    {"GPT-4o and GPT-5", "GPT", true},
    {"MoEs at scale", "MoE", true},
    {"quantized weights", "quantiz*", true},
    {"quantization-aware training", "quantiz*", true},
    {"superconductivity in cuprates", "superconduct*", true},
    {"interstellar medium", "stellar", false},
    {"stellar populations", "stellar", true},
    {"two galaxies", "galaxy", false},                     // irregular plural needs its own keyword
    {"vision transformers", "transformer", true},
    {"fine tuning and fine-tuning", "fine-tuning", true},
    {"finetuning", "fine-tuning", false},
    {"in-context learning", "in-context learning", true},
    {"boxes", "box", true},                                // "es" plural
    {"", "LLM", false},
    {"LLM", "", false},
    {"LLM", "  ", false},
};

BOOST_DATA_TEST_CASE(mentions_is_word_boundary_aware, bdata::make(cases), c) {
    BOOST_TEST(mentions(c.text, c.keyword) == c.expected);
}

BOOST_AUTO_TEST_CASE(words_are_lower_case_ascii_runs) {
    BOOST_TEST(words_of("Chain-of-Thought for LLMs (v2)!") ==
               (std::vector<std::string>{"chain", "of", "thought", "for", "llms", "v2"}));
    BOOST_TEST(words_of("  ").empty());
    BOOST_TEST(words_of("Ünïcode x") == (std::vector<std::string>{"n", "code", "x"}));
}

BOOST_AUTO_TEST_CASE(compiled_keyword) {
    auto kw = compile_keyword("Quantiz* ");
    BOOST_TEST(kw.prefix);
    BOOST_TEST(kw.words == std::vector<std::string>{"quantiz"});
    BOOST_TEST(kw.text == "Quantiz* ");
    BOOST_TEST(!compile_keyword("KV cache").prefix);
}

BOOST_AUTO_TEST_SUITE_END()
