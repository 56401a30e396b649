#pragma once
// The faithfulness guard's number check: every number a summary states must appear in the paper's
// own text. Pure functions; no I/O.
//
// What counts as a number, and when two are the same:
//  * A token starts at a digit: 64, 1,000 (comma groups of three), 18.6, and may carry a unit:
//    18.6x / 5×, 97% / 97 % / 97％, 3.5B, 100K, 1M, 1.5 million, 10万, 2nd. Full-width digits count.
//  * Values are compared, not spellings: units are dropped ("97%" == "97 %" == "97"), thousands
//    separators removed ("1,000" == "1000"), trailing fractional zeros dropped ("100.0" == "100").
//    Magnitudes also give an expanded value (3.5B → 3500000000, 10万 → 100000), and a summary
//    number matches when its value or its expanded value equals any value or expanded value of
//    the reference, so "100K" matches "100,000" and "1M" matches "1 million". Signs are ignored.
//  * Numbers that are part of a name are not claims and are skipped in the summary: a digit glued
//    to a letter or '_' ("H800", "Qwen3", "fp16", "3D", "4o"), after letter+'-' / '.' / '@' / '/'
//    ("GPT-4", "v1.5", "pass@1"), after a '.' ("1.2.3"), or hyphen-chained to such a name
//    ("Llama-3.1-8B", "Qwen3-4B"). In the reference every digit run counts, names included, so
//    "8B" in a summary is fine when the abstract says "Qwen3-8B".
//  * Small counts (integers up to 20, bare or with x or an ordinal suffix) also match the number
//    written as a word in the reference ("3" ↔ "three"/"third", "2x" ↔ "twice"/"double", 三).
//    Number words in the summary itself are never checked ("first", "three").
//  * Years are ordinary numbers: the model sees no dates, so a year it adds is invented.
#include <string>
#include <string_view>
#include <vector>

namespace paperboy::summarize {

struct number_token {
    std::string text;         // as written ("18.6x", "1,000", "97 %")
    std::string value;        // normalised value ("18.6", "1000", "97")
    std::string expanded;     // value with its magnitude applied; == value when there is none
    bool name_part = false;   // part of a name or version ("GPT-4"): not a claim
    bool small_count = false; // integer <= 20 that a word may spell
};

// Every numeric token of `text`, in order.
std::vector<number_token> scan_numbers(std::string_view text);

// Normalised values of the tokens that are claims (name parts skipped), in order, without duplicates.
std::vector<std::string> numbers_in(std::string_view text);

// The summary's numbers (as written, without duplicates) that the reference does not contain.
// Pass the title and the abstract as the reference: a number from the title is not invented.
std::vector<std::string> invented_numbers(std::string_view summary, std::string_view reference);

}  // namespace paperboy::summarize
