#pragma once
// Discord request signing (external-apis.md g.1): every interaction carries X-Signature-Ed25519
// (hex, 64 bytes) and X-Signature-Timestamp; the signature is Ed25519 over timestamp + raw body
// with the application's public key. Verify over the raw bytes, before any parsing.
// Thread-safe: one verifier serves every request (OpenSSL's key is only read).
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "paperboy/core/result.hpp"

namespace paperboy::chat::discord {

enum class verdict {
    ok,
    missing,        // a header is absent or empty
    stale,          // timestamp more than max_clock_skew away from now (either way), or not a number
    bad_signature,  // not 128 hex digits, or it does not verify
};

inline constexpr std::chrono::seconds max_clock_skew{300};

class verifier {
public:
    // The application's public key as Discord shows it (64 hex digits); an error says what is wrong.
    static result<verifier> from_hex(std::string_view public_key_hex);

    verdict verify(std::string_view timestamp_header, std::string_view signature_header, std::string_view raw_body,
                   std::chrono::system_clock::time_point now) const noexcept;

private:
    struct key;
    explicit verifier(std::shared_ptr<const key> k) : key_(std::move(k)) {}
    std::shared_ptr<const key> key_;
};

// A throwaway Ed25519 key pair for tests, fakes and the benchmark: what Discord would do.
class test_signer {
public:
    test_signer();
    std::string public_key_hex() const;
    std::string sign(std::string_view timestamp, std::string_view body) const;  // 128 hex digits

private:
    struct key;
    std::shared_ptr<const key> key_;
};

const char* to_string(verdict v) noexcept;

}  // namespace paperboy::chat::discord
