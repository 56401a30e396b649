#define BOOST_TEST_MODULE paperboy
#include <boost/test/unit_test.hpp>
