#include "paperboy/render/html.hpp"

#include <boost/test/unit_test.hpp>
#include <pugixml.hpp>

#include "paperboy/render/utf8.hpp"
#include "sample_digest.hpp"

using namespace paperboy;
using namespace paperboy::render;
using namespace std::chrono;
using render::test::sample_digest;

namespace {

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

core::digest hostile_digest() {
    core::digest d = sample_digest();
    d.entries[0].paper.title = "<script>alert('x')</script> & \"friends\"";
    d.entries[0].summary.text = "Line <b>one</b>\nline two";
    d.entries[0].paper.abstract = "Bell\x07 and invalid \xFF byte";
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_html)

BOOST_AUTO_TEST_CASE(escape_covers_markup_and_controls) {
    BOOST_TEST(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    BOOST_TEST(html_escape("tab\tok\x01gone") == "tab\tokgone");
    BOOST_TEST(html_escape("日本語") == "日本語");
}

BOOST_AUTO_TEST_CASE(page_is_complete_and_escaped) {
    const std::string page = html_page(hostile_digest());
    BOOST_TEST(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
    BOOST_TEST(page.ends_with("</body>\n</html>\n"));
    BOOST_TEST(contains(page, "<title>LLM Papers Survey (2026-02-23)</title>"));
    BOOST_TEST(contains(page, "<style>"));
    BOOST_TEST(!contains(page, "<script>"));
    BOOST_TEST(contains(page, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"));
    BOOST_TEST(contains(page, "<a href=\"https://arxiv.org/abs/2602.10693\">&lt;script&gt;"));
    BOOST_TEST(contains(page, "Line &lt;b&gt;one&lt;/b&gt;<br>\nline two"));
    BOOST_TEST(contains(page, "<li id=\"paper-2\" value=\"2\">"));
    BOOST_TEST(contains(page, "<span class=\"label\">Note:</span> The LLM summary failed"));
    BOOST_TEST(contains(page, "<summary>Original abstract</summary><p>Bell and invalid \xEF\xBF\xBD byte</p>"));
    BOOST_TEST(contains(page, "Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, Barbara Liskov et al."));
    BOOST_TEST(contains(page, "<a href=\"/digests/2026-02-23.md\">Markdown</a>"));
    BOOST_TEST(contains(page, "<a href=\"/digests/2026-02-23.json\">JSON</a>"));
    BOOST_TEST(is_valid_utf8(page));
}

BOOST_AUTO_TEST_CASE(japanese_page) {
    core::digest d = sample_digest();
    d.language = "ja";
    const std::string page = html_page(d);
    BOOST_TEST(contains(page, "<html lang=\"ja\">"));
    BOOST_TEST(contains(page, "<h1>LLM論文サーベイ (2026-02-23)</h1>"));
    BOOST_TEST(contains(page, "<summary>原文アブストラクト</summary>"));
    d.entries.clear();
    d.empty_reason = "休日";
    BOOST_TEST(contains(html_page(d), "<p class=\"empty\">新着論文はありません: 休日</p>"));
}

BOOST_AUTO_TEST_CASE(index_lists_digests) {
    const std::string page = html_index({{sys_days{2026y / February / 23}, "llm", 5},
                                         {sys_days{2026y / February / 22}, "<ml>", 0}});
    BOOST_TEST(contains(page, "<meta charset=\"utf-8\">"));
    BOOST_TEST(contains(page, "<tr><td><a href=\"/digests/2026-02-23\">2026-02-23</a></td><td>llm</td><td>5</td>"
                              "<td><a href=\"/digests/2026-02-23.md\">Markdown</a> · "
                              "<a href=\"/digests/2026-02-23.json\">JSON</a></td></tr>"));
    BOOST_TEST(contains(page, "<td>&lt;ml&gt;</td><td>0</td>"));
    BOOST_TEST(contains(page, "href=\"/feed.atom\""));
    BOOST_TEST(contains(html_index({}), "No digests yet."));
}

BOOST_AUTO_TEST_CASE(atom_feed_is_valid_xml_with_entries) {
    core::digest newer = hostile_digest();
    core::digest older = sample_digest();
    older.date = sys_days{2026y / February / 20};
    older.generated_at.reset();
    older.entries.clear();
    older.empty_reason = "nothing <new>";
    const std::string feed = atom_feed({newer, older}, "https://papers.example.org/");

    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(feed.data(), feed.size());
    BOOST_TEST_REQUIRE(static_cast<bool>(parsed), parsed.description());
    const pugi::xml_node root = doc.child("feed");
    BOOST_TEST(std::string(root.attribute("xmlns").value()) == "http://www.w3.org/2005/Atom");
    BOOST_TEST(std::string(root.child_value("id")) == "https://papers.example.org/feed.atom");
    BOOST_TEST(std::string(root.child_value("title")) == "LLM Papers Survey");
    BOOST_TEST(std::string(root.child_value("updated")) == "2026-02-23T07:00:00Z");
    BOOST_TEST(std::string(root.child("author").child_value("name")) == "paperboy");

    std::vector<pugi::xml_node> entries;
    for (auto e : root.children("entry")) entries.push_back(e);
    BOOST_TEST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(std::string(entries[0].child_value("id")) == "https://papers.example.org/digests/2026-02-23#llm");
    BOOST_TEST(std::string(entries[0].child_value("title")) == "LLM Papers Survey (2026-02-23)");
    BOOST_TEST(std::string(entries[0].child_value("updated")) == "2026-02-23T07:00:00Z");
    const auto link = entries[0].child("link");
    BOOST_TEST(std::string(link.attribute("rel").value()) == "alternate");
    BOOST_TEST(std::string(link.attribute("href").value()) == "https://papers.example.org/digests/2026-02-23");
    const auto content = entries[0].child("content");
    BOOST_TEST(std::string(content.attribute("type").value()) == "html");
    // The content, once unescaped by the XML parser, is the HTML with the paper text escaped once.
    const std::string html = content.child_value();
    BOOST_TEST(contains(html, "<article class=\"digest\">"));
    BOOST_TEST(contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    BOOST_TEST(std::string(entries[1].child_value("updated")) == "2026-02-20T00:00:00Z");
    BOOST_TEST(contains(entries[1].child("content").child_value(), "No new papers: nothing &lt;new&gt;"));
}

BOOST_AUTO_TEST_CASE(empty_feed_is_still_valid) {
    const std::string feed = atom_feed({}, "http://127.0.0.1:8080");
    pugi::xml_document doc;
    BOOST_TEST_REQUIRE(static_cast<bool>(doc.load_buffer(feed.data(), feed.size())));
    BOOST_TEST(std::string(doc.child("feed").child_value("updated")) == "1970-01-01T00:00:00Z");
    BOOST_TEST(!doc.child("feed").child("entry"));
}

BOOST_AUTO_TEST_SUITE_END()
