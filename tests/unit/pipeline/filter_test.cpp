#include "paperboy/pipeline/filter.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "paperboy/sources/arxiv/atom.hpp"
#include "paperboy/sources/huggingface/daily_papers.hpp"
#include "papers.hpp"

namespace bdata = boost::unit_test::data;
using namespace paperboy;
using namespace paperboy::pipeline;
using paperboy::test::make_paper;
using paperboy::test::read_fixture;

BOOST_AUTO_TEST_SUITE(filter)

struct filter_case {
    const char* why;
    core::paper paper;
    bool accepted;
};
std::ostream& operator<<(std::ostream& os, const filter_case& c) { return os << c.why; }

core::paper with_upvotes(core::paper p, int upvotes) {
    p.signals.hf_upvotes = upvotes;
    p.sources = {"huggingface"};
    return p;
}

const filter_case cases[] = {
    {"RL for LLMs",
     make_paper("2606.00001",
                "Reinforcement Learning with Verifiable Rewards Elicits Reasoning in Large Language Models",
                "We study RLVR with GRPO on math benchmarks.", {"cs.LG"}),
     true},
    {"reasoning, no category (HF)",
     make_paper("2606.00002", "Switchable Latent Reasoning with Hidden-State Recurrence",
                "Reasoning models spend tokens on chain-of-thought; we reason in latent space.", {}, "huggingface"),
     true},
    {"sparse attention for diffusion models, cs.CV",
     make_paper("2606.00003", "Sparse Attention for Efficient Video Diffusion Transformers",
                "Video diffusion transformers spend most compute in 3D full attention.", {"cs.CV"}),
     true},
    {"multimodal GUI agent",
     make_paper("2606.00004", "A Multimodal GUI Agent for Mobile Automation",
                "We train a vision-language model to operate smartphone apps.", {"cs.AI"}),
     true},
    {"cs.CL with include keyword in the title",
     make_paper("2606.00005", "Attention Heads That Track Syntax", "We probe heads across layers.", {"cs.CL"}),
     true},
    {"protein language model: ML content overrides the biology exclusion",
     make_paper("2606.00006", "Protein Language Models for Enzyme Design",
                "We fine-tune a protein language model to design enzymes.", {"q-bio.BM"}),
     true},
    {"condensed matter",
     make_paper("2606.00011", "Phonon-Mediated Superconductivity in Twisted Bilayers",
                "We compute the superconducting transition temperature.", {"cond-mat.supr-con"}),
     false},
    {"astronomy with many upvotes",
     with_upvotes(make_paper("2606.00012", "A Census of Hot Jupiters in the Galactic Bulge",
                             "We use a transformer-free pipeline to measure exoplanet occurrence rates.",
                             {"astro-ph.EP"}),
                  900),
     false},
    {"biology with many upvotes and a weak ML word",
     with_upvotes(make_paper("2606.00013", "A Single-Cell Transcriptomic Atlas of the Developing Mouse Cortex",
                             "Gene expression of 2M cells, clustered with a transformer-based classifier and "
                             "attention pooling.",
                             {"q-bio.GN", "cs.LG"}),
                  1200),
     false},
    {"cs.LG with one common word in the abstract",
     make_paper("2606.00014", "Testing Deep Learning Models", "We review testing methods on a benchmark.", {"cs.LG"}),
     false},
    {"off-category weak words only",
     make_paper("2606.00015", "Vision Transformers for Crop Segmentation", "We segment fields.", {"cs.CV"}), false},
    {"psychology of attention",
     make_paper("2606.00016", "Sustained Attention in Children", "A longitudinal study.", {"q-bio.NC"}), false},
    {"no text", make_paper("2606.00017", "", "", {"cs.CL"}), false},
};

BOOST_DATA_TEST_CASE(ml_relevance, bdata::make(cases), c) {
    auto profile = default_llm_profile();
    BOOST_TEST(accepts(profile, c.paper) == c.accepted);
}

BOOST_AUTO_TEST_CASE(keyword_fit_orders_evidence) {
    auto profile = default_llm_profile();
    auto none = make_paper("1", "Hot Jupiters", "Transit surveys.");
    auto weak_abstract = make_paper("2", "A study", "We propose a benchmark.");
    auto strong_abstract = make_paper("3", "A study", "We use a large language model.");
    auto strong_title = make_paper("4", "Large Language Models Can Plan", "A study.");
    auto rich = make_paper("5", "RLHF for Large Language Model Agents",
                           "Chain-of-thought reasoning with a reward model and KV cache reuse.");
    double f0 = keyword_fit(profile, none), f1 = keyword_fit(profile, weak_abstract),
           f2 = keyword_fit(profile, strong_abstract), f3 = keyword_fit(profile, strong_title),
           f4 = keyword_fit(profile, rich);
    BOOST_TEST(f0 == 0.0);
    BOOST_TEST(f0 < f1);
    BOOST_TEST(f1 < f2);
    BOOST_TEST(f2 < f3);
    BOOST_TEST(f3 < f4);
    BOOST_TEST(f4 < 1.0);
    // A keyword listed twice counts once.
    auto doubled = profile;
    doubled.strong_keywords.push_back("large language model");
    doubled.strong_keywords.push_back("Large  Language-Model");
    BOOST_TEST(keyword_fit(doubled, strong_title) == f3);
}

BOOST_AUTO_TEST_CASE(empty_profile_accepts_nothing) {
    profile empty;
    auto p = make_paper("2606.00001", "Large Language Models", "LLM", {"cs.CL"});
    BOOST_TEST(!accepts(empty, p));
    BOOST_TEST(keyword_fit(empty, p) == 0.0);
}

// The recorded Hugging Face day: LLM papers pass, the ones about other ML topics do not.
BOOST_AUTO_TEST_CASE(recorded_hugging_face_day) {
    auto profile = default_llm_profile();
    auto papers =
        sources::huggingface::parse_daily_papers(read_fixture("hf_daily_papers/daily_papers_30items_2026-06-12.json"));
    BOOST_REQUIRE(papers);
    std::vector<std::string> rejected;
    for (const auto& p : *papers)
        if (!accepts(profile, p)) rejected.push_back(p.arxiv_id);
    BOOST_TEST(rejected == (std::vector<std::string>{"2606.12488", "2606.08103", "2606.10896", "2606.09446",
                                                     "2606.12282", "2606.12575", "2606.08039"}));
}

// Real physics, astronomy and chemistry feeds: nothing passes.
BOOST_AUTO_TEST_CASE(recorded_physics_feeds_are_rejected) {
    auto profile = default_llm_profile();
    for (const char* file : {"arxiv/api_query_au-del_maestro_legacy_2016-10-09.xml",
                             "arxiv/api_query_all-electron-AND-all-proton_legacy_2025-08-20.xml",
                             "arxiv/api_query_all-electron-AND-all-proton_2025-11-11.xml",
                             "arxiv/api_id_list_old_style_id_2026-04-12.xml"}) {
        auto feed = sources::arxiv::parse_atom(read_fixture(file));
        BOOST_REQUIRE(feed);
        for (const auto& p : feed->entries) BOOST_TEST(!accepts(profile, p), file << ": " << p.title);
    }
}

BOOST_AUTO_TEST_SUITE_END()
