# Script mode: writes OUT, a C++ file defining paperboy::embedded::VAR with the bytes of IN.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace paperboy::embedded {\nstatic const char data_[] = {${bytes} 0};\nextern const std::string_view ${VAR};\nconst std::string_view ${VAR}{data_, ${size}};\n}\n")
