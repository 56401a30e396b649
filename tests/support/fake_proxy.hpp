#pragma once
// An HTTP CONNECT proxy on 127.0.0.1:0 for tests of HTTPS_PROXY: it records each CONNECT target,
// then relays bytes both ways (or refuses with a chosen status).
#include <memory>
#include <string>
#include <vector>

namespace paperboy::test {

class fake_proxy {
public:
    explicit fake_proxy(unsigned refuse_with = 0);  // 0: tunnel; else answer CONNECT with this status
    ~fake_proxy();
    fake_proxy(const fake_proxy&) = delete;
    fake_proxy& operator=(const fake_proxy&) = delete;

    std::string url() const;  // "http://127.0.0.1:PORT"
    std::vector<std::string> connect_targets() const;

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace paperboy::test
