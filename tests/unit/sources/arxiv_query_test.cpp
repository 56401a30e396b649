#include "paperboy/sources/arxiv/query.hpp"

#include <boost/test/unit_test.hpp>

using namespace paperboy::sources::arxiv;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(arxiv_query)

BOOST_AUTO_TEST_CASE(daily_window_for_three_categories) {
    query q;
    q.categories = {"cs.CL", "cs.LG", "cs.AI"};
    q.from = sys_days{2026y / August / 1};
    q.to = sys_days{2026y / August / 2} + hours{23} + minutes{59} + seconds{59};
    q.start = 0;
    q.max_results = 100;
    BOOST_TEST(build_query_target(q) ==
               "/api/query?search_query=%28cat:cs.CL+OR+cat:cs.LG+OR+cat:cs.AI%29+AND+submittedDate:"
               "%5B202608010000+TO+202608022359%5D&sortBy=submittedDate&sortOrder=descending&start=0"
               "&max_results=100");
}

BOOST_AUTO_TEST_CASE(single_category_needs_no_parentheses_and_window_is_gmt_minutes) {
    query q;
    q.categories = {"cs.CL"};
    q.from = sys_days{2024y / January / 1} + hours{7} + minutes{5} + seconds{42};
    q.to = sys_days{2024y / January / 1} + hours{23} + minutes{59};
    q.start = 200;
    q.max_results = 50;
    BOOST_TEST(build_query_target(q) ==
               "/api/query?search_query=cat:cs.CL+AND+submittedDate:%5B202401010705+TO+202401012359%5D"
               "&sortBy=submittedDate&sortOrder=descending&start=200&max_results=50");
}

BOOST_AUTO_TEST_CASE(no_category_and_negative_paging) {
    query q;
    q.from = sys_days{2026y / June / 12};
    q.to = sys_days{2026y / June / 12} + hours{12};
    q.start = -5;
    q.max_results = -1;
    BOOST_TEST(build_query_target(q) ==
               "/api/query?search_query=submittedDate:%5B202606120000+TO+202606121200%5D"
               "&sortBy=submittedDate&sortOrder=descending&start=0&max_results=0");
}

BOOST_AUTO_TEST_CASE(category_text_is_encoded) {
    query q;
    q.categories = {"cs.CL&x=1", "a b"};
    q.from = q.to = sys_days{2026y / June / 12};
    auto target = build_query_target(q);
    BOOST_TEST(target.starts_with("/api/query?search_query=%28cat:cs.CL%26x%3D1+OR+cat:a+b%29+AND+"));
}

BOOST_AUTO_TEST_CASE(id_list_sends_every_id_on_one_page) {
    BOOST_TEST(build_id_list_target({"2104.12255v1", "astro-ph/0601001", "0808.05394"}) ==
               "/api/query?id_list=2104.12255v1,astro-ph%2F0601001,0808.05394&start=0&max_results=3");
    BOOST_TEST(build_id_list_target({}) == "/api/query?id_list=&start=0&max_results=0");
}

BOOST_AUTO_TEST_SUITE_END()
