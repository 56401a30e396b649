#pragma once
// Checks every Slack / Discord message against the platform limits (external-apis.md f.6, g.3),
// counting characters as UTF-16 units (the stricter reading), and that each one parses as JSON.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "paperboy/render/discord.hpp"
#include "paperboy/render/slack.hpp"
#include "paperboy/render/utf8.hpp"

namespace paperboy::render::test {

using nlohmann::json;

inline std::size_t length_of(const json& j, const char* key) {
    return j.contains(key) ? text_length(j[key].get<std::string>()) : 0;
}

inline std::size_t code_points(const std::string& s) {
    return text_length(s, [](char32_t) -> std::size_t { return 1; });
}

// Returns the parsed block arrays.
inline std::vector<json> check_slack(const std::vector<slack_message>& messages) {
    std::vector<json> parsed;
    for (const auto& m : messages) {
        BOOST_TEST_REQUIRE(is_valid_utf8(m.text));
        BOOST_TEST(!m.text.empty());
        BOOST_TEST(text_length(m.text) <= slack_max_fallback_text);
        const json blocks = json::parse(m.blocks_json, nullptr, false);
        BOOST_TEST_REQUIRE(blocks.is_array());
        BOOST_TEST(blocks.size() <= slack_max_blocks);
        BOOST_TEST(!blocks.empty());
        std::size_t total = 0;
        std::set<std::string> block_ids;
        for (const auto& b : blocks) {
            const std::string type = b.at("type");
            if (b.contains("block_id")) {
                BOOST_TEST(length_of(b, "block_id") <= 255u);
                BOOST_TEST(block_ids.insert(b["block_id"].get<std::string>()).second);  // unique
            }
            if (type == "header") {
                BOOST_TEST(b["text"]["type"] == "plain_text");
                BOOST_TEST(length_of(b["text"], "text") <= 150u);
                total += length_of(b["text"], "text");
            } else if (type == "section") {
                const std::string text = b["text"]["text"];
                BOOST_TEST(text.find_first_not_of(" \n") != std::string::npos);
                BOOST_TEST(text_length(text) <= 3000u);
                BOOST_TEST(code_points(text) <= slack_max_section_text);
                total += text_length(text);
                if (b.contains("accessory")) {
                    const json& button = b["accessory"];
                    BOOST_TEST(length_of(button["text"], "text") <= 75u);
                    BOOST_TEST(length_of(button, "value") <= 2000u);
                    BOOST_TEST(length_of(button, "action_id") <= 255u);
                    total += length_of(button["text"], "text");
                }
            } else {
                BOOST_TEST(type == "context");
                BOOST_TEST(b["elements"].size() <= 10u);
                for (const auto& e : b["elements"]) total += length_of(e, "text");
            }
        }
        BOOST_TEST(total <= slack_max_block_text);
        BOOST_TEST(total < 12000u);
        parsed.push_back(blocks);
    }
    return parsed;
}

// Returns the parsed bodies.
inline std::vector<json> check_discord(const std::vector<std::string>& bodies) {
    std::vector<json> parsed;
    for (const auto& body : bodies) {
        BOOST_TEST_REQUIRE(is_valid_utf8(body));
        const json j = json::parse(body, nullptr, false);
        BOOST_TEST_REQUIRE(j.is_object());
        BOOST_TEST(j["allowed_mentions"] == json::parse(R"({"parse":[]})"));
        BOOST_TEST(length_of(j, "content") <= 2000u);
        BOOST_TEST_REQUIRE(j["embeds"].is_array());
        BOOST_TEST(j["embeds"].size() <= 10u);
        BOOST_TEST((length_of(j, "content") > 0 || !j["embeds"].empty()));
        std::size_t total = 0;
        for (const auto& e : j["embeds"]) {
            BOOST_TEST(length_of(e, "title") <= 256u);
            BOOST_TEST(length_of(e, "description") <= 4096u);
            BOOST_TEST((e.contains("title") || e.contains("description")));
            total += length_of(e, "title") + length_of(e, "description");
            if (e.contains("fields")) {
                BOOST_TEST(e["fields"].size() <= 25u);
                for (const auto& f : e["fields"]) {
                    BOOST_TEST(length_of(f, "name") <= 256u);
                    BOOST_TEST(length_of(f, "value") <= 1024u);
                    BOOST_TEST(length_of(f, "value") > 0u);
                    total += length_of(f, "name") + length_of(f, "value");
                }
            }
            if (e.contains("footer")) {
                BOOST_TEST(length_of(e["footer"], "text") <= 2048u);
                total += length_of(e["footer"], "text");
            }
        }
        BOOST_TEST(total <= discord_max_embed_total);
        parsed.push_back(j);
    }
    return parsed;
}

}  // namespace paperboy::render::test
