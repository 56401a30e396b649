#pragma once
// A throw-away certificate authority and server certificate, made with OpenSSL at test time, so TLS
// tests need no files from outside and never expire.
#include <string>
#include <vector>

namespace paperboy::test {

struct test_pki {
    std::string ca_cert_pem;
    std::string server_cert_pem;
    std::string server_key_pem;
    std::string ca_file;  // ca_cert_pem written to a temporary file, for http_client_config::ca_file
};

// A new CA and a server certificate signed by it for the given DNS names and IP addresses.
test_pki make_test_pki(const std::vector<std::string>& dns_names, const std::vector<std::string>& ip_addresses);

}  // namespace paperboy::test
