// The number check of the faithfulness guard, as tables: what is a number, when two are equal,
// what is a name, and which summaries invent.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "paperboy/summarize/faithfulness.hpp"

using namespace paperboy::summarize;
namespace data = boost::unit_test::data;

namespace {

struct numbers_case {
    std::string text;
    std::vector<std::string> values;
};
std::ostream& operator<<(std::ostream& os, const numbers_case& c) { return os << c.text; }

const numbers_case numbers_cases[] = {
    {"a 18.6x speedup", {"18.6"}},
    {"97% and 97 % and 97％", {"97"}},
    {"64 GPUs, 1,000 samples, 10,000,000 tokens", {"64", "1000", "10000000"}},
    {"3.5B parameters and 100K context at 1M tokens", {"3.5", "100", "1"}},
    {"in 2025 we", {"2025"}},
    {"100.0% to 37.60%", {"100", "37.6"}},
    {"ranges 9--52% and 50-64 points, 2-3x", {"9", "52", "50", "64", "2", "3"}},
    {"partial r = +0.41", {"0.41"}},
    {"１８．６％の向上", {"18.6"}},
    {"28.4倍、10万トークン", {"28.4", "10"}},
    {"1.5 million users", {"1.5"}},
    {"the 2nd and 3rd rows", {"2", "3"}},
    {"GPT-4, Llama-3.1-8B, Qwen3-4B, H800, fp16, v1.5, pass@1, 3D, GPT-4o, Mind2Web, x86_64", {}},
    {"{Qwen3-4B, 8B, 14B}", {"8", "14"}},
    {"a 109B-parameter model with 4-bit weights", {"109", "4"}},
    {"lists 1,2,3", {"1", "2", "3"}},
    {"no numbers at all", {}},
};

BOOST_DATA_TEST_CASE(numbers_are_extracted_and_normalised, data::make(numbers_cases), c) {
    BOOST_TEST(numbers_in(c.text) == c.values, boost::test_tools::per_element());
}

struct invented_case {
    std::string summary;
    std::string reference;
    std::vector<std::string> invented;
};
std::ostream& operator<<(std::ostream& os, const invented_case& c) { return os << c.summary << " | " << c.reference; }

const std::string minimax =
    "On a 109B-parameter model with native multimodal training, MSA performs on par with GQA while reducing "
    "per-token attention compute by 28.4x at 1M context. Paired with our co-designed kernel, MSA achieves 14.2x "
    "prefill and 7.6x decoding wall-clock speedups on H800.";

const invented_case invented_cases[] = {
    // Faithful restatements.
    {"MSA cuts attention compute 28.4x at 1M context and speeds prefill up 14.2x on H800.", minimax, {}},
    {"MSA cuts attention compute 28.4 times at a context of 1 million tokens.", minimax, {}},
    {"MSA は 1M コンテキストで計算量を 28.4 倍削減し、プリフィルを 14.2 倍高速化する。", minimax, {}},
    {"On a 109-billion-parameter model, decoding is 7.6x faster.", minimax, {}},
    {"The 109,000,000,000-parameter model.", minimax, {}},
    {"A one-thousand-sample set of 1000 items.", "We label 1,000 items.", {}},
    {"We label 1,000 items.", "A set of 1000 items.", {}},
    {"Accuracy reaches 97 %.", "Accuracy reaches 97%.", {}},
    {"Tested on 3 benchmarks with 2x fewer steps.", "three benchmarks and twice fewer steps", {}},
    {"在 11 个模型上", "across 11 frontier LLMs", {}},
    {"The second stage uses 4 agents.", "a four-agent pipeline", {}},
    {"Context grows to 100,000 tokens.", "contexts of 100K tokens", {}},
    {"10万トークンの文脈", "contexts of 100K tokens", {}},
    {"Qwen3-8B and GPT-4 are compared.", "We compare models.", {}},  // names are not claims
    {"Uses 8B and 14B models.", "Across {Qwen3-4B, 8B, 14B}.", {}},
    {"3つのベンチマーク", "三つのベンチマーク", {}},
    // Invented.
    {"MSA reduces compute by 30x at 1M context.", minimax, {"30x"}},
    {"MSA reaches 97% accuracy and 18.6x speedup.", minimax, {"97%", "18.6x"}},
    {"Released in 2025, MSA is 28.4x cheaper.", minimax, {"2025"}},
    {"It uses 64 GPUs and 64 nodes.", "It uses many GPUs.", {"64"}},
    {"Tested on 7 benchmarks.", "three benchmarks", {"7"}},
    {"Accuracy rises by 12.5 points.", "Accuracy rises by 12 points.", {"12.5"}},
    {"A 3.5B model.", "A 3B model.", {"3.5B"}},
    {"精度が 18.6% 向上した。", "Accuracy improves by 16.8%.", {"18.6%"}},
};

BOOST_DATA_TEST_CASE(invented_numbers_are_found, data::make(invented_cases), c) {
    BOOST_TEST(invented_numbers(c.summary, c.reference) == c.invented, boost::test_tools::per_element());
}

}  // namespace

BOOST_AUTO_TEST_CASE(tokens_keep_their_spelling_and_magnitude) {
    const auto toks = scan_numbers("3.5B params, 97 %, Llama-3.1-8B, 1.5 million");
    BOOST_REQUIRE_EQUAL(toks.size(), 5u);
    BOOST_TEST(toks[0].text == "3.5B");
    BOOST_TEST(toks[0].value == "3.5");
    BOOST_TEST(toks[0].expanded == "3500000000");
    BOOST_TEST(!toks[0].name_part);
    BOOST_TEST(toks[1].text == "97 %");
    BOOST_TEST(!toks[1].small_count);
    BOOST_TEST(toks[2].text == "3.1");
    BOOST_TEST(toks[2].name_part);
    BOOST_TEST(toks[3].text == "8B");
    BOOST_TEST(toks[3].name_part);
    BOOST_TEST(toks[4].text == "1.5 million");
    BOOST_TEST(toks[4].expanded == "1500000");
}
