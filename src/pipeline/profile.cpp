#include "paperboy/pipeline/profile.hpp"

namespace paperboy::pipeline {

profile default_llm_profile() {
    profile p;
    p.name = "llm";
    p.categories = {"cs.CL", "cs.LG", "cs.AI"};
    p.strong_keywords = {
        "LLM", "large language model", "language model", "reasoning model", "foundation model", "GPT", "chatbot",
        "RLHF", "RLAIF", "RLVR", "reward model", "preference optimization", "DPO", "GRPO",
        "chain-of-thought", "test-time scaling", "test-time compute", "instruction tuning",
        "instruction-tuned", "in-context learning", "prompt engineering", "retrieval-augmented generation",
        "KV cache", "mixture of experts", "MoE", "sparse attention", "linear attention",
        "speculative decoding", "diffusion language model", "vision-language", "VLM", "MLLM",
        "multimodal large language model", "GUI agent", "LLM agent", "web agent", "tool use",
        "long-context", "hallucination", "jailbreak",
    };
    p.include_keywords = {
        "transformer", "attention", "reasoning", "reinforcement learning", "reward", "agent", "agentic",
        "multimodal", "alignment", "inference", "decoding", "fine-tuning", "finetuning", "post-training",
        "pre-training", "pretraining", "distillation", "quantiz*", "pruning", "tokeniz*", "token",
        "embedding", "prompt*", "benchmark", "scaling law", "diffusion", "policy optimization",
        "natural language", "text generation", "code generation", "question answering", "retrieval",
    };
    p.exclude_keywords = {
        "condensed matter", "superconduct*", "superfluid*", "phonon*", "magnon*", "spin glass*",
        "quantum hall", "topological insulator*", "luttinger", "ferromagnet*", "antiferromagnet*",
        "density functional theory", "density wave*", "astrophysic*", "astronom*", "galaxy", "galaxies",
        "galactic", "exoplanet*", "hot jupiter*", "black hole*", "dark matter", "dark energy",
        "cosmolog*", "supernova*", "stellar", "neutron star*", "gravitational wave*", "redshift*",
        "protein folding", "protein structure*", "genom*", "gene expression", "transcriptom*",
        "single-cell", "enzym*", "microbiom*", "molecular dynamics", "hadron*", "quark*", "neutrino*",
        "nuclear physics", "particle physics",
    };
    return p;
}

}  // namespace paperboy::pipeline
