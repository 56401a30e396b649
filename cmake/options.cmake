# Warnings and sanitizers as INTERFACE targets every paperboy target links.
add_library(paperboy_options INTERFACE)
# -Wmissing-field-initializers is off: it fires on C++20 designated initializers that rely on
# default member initializers, which is how our option structs are meant to be filled.
target_compile_options(paperboy_options INTERFACE -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers)
# GCC 12's -Wrestrict reports impossible overlaps in std::string concatenation at -O2/-O3
# (GCC PR105651, fixed in 13): off for GCC 12 only, so optimised builds stay -Werror clean.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(paperboy_options INTERFACE -Wno-restrict)
endif()
target_include_directories(paperboy_options INTERFACE ${PROJECT_SOURCE_DIR}/include)
target_compile_definitions(paperboy_options INTERFACE PAPERBOY_VERSION="${PROJECT_VERSION}")
if(PAPERBOY_SANITIZE)
  target_compile_options(paperboy_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(paperboy_options INTERFACE -fsanitize=address,undefined)
endif()

# Asio and Beast are compiled once, in paperboy_asio; everything that includes them links it.
add_library(paperboy_asio STATIC ${PROJECT_SOURCE_DIR}/src/net/asio_impl.cpp)
target_compile_definitions(paperboy_asio PUBLIC
  BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
target_link_libraries(paperboy_asio PUBLIC paperboy_options Boost::headers OpenSSL::SSL OpenSSL::Crypto Threads::Threads)

function(paperboy_library name)
  add_library(paperboy_${name} STATIC ${ARGN})
  target_link_libraries(paperboy_${name} PUBLIC paperboy_options)
endfunction()
