#pragma once
// Slack request signing (external-apis.md f.1): every inbound request from Slack carries
// X-Slack-Request-Timestamp and X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret,
// "v0:" + timestamp + ":" + raw body)). Verify over the raw bytes, before any parsing.
// Pure and thread-safe; the clock is a parameter so tests can replay Slack's 2018 example.
#include <chrono>
#include <string>
#include <string_view>

namespace paperboy::chat::slack {

enum class verdict {
    ok,
    missing,        // a header is absent or empty
    stale,          // timestamp more than max_clock_skew away from now (either way), or not a number
    bad_signature,  // wrong "v0=" prefix, not 64 lower-case hex digits, or a different MAC
};

inline constexpr std::chrono::seconds max_clock_skew{300};

// All failures map to HTTP 401. An empty signing secret never verifies (bad_signature): a
// misconfigured server must not accept everything. The MAC is compared in constant time
// (CRYPTO_memcmp). Never throws and never allocates.
verdict verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                         std::string_view signature_header, std::string_view raw_body,
                         std::chrono::system_clock::time_point now) noexcept;

// "v0=" + 64 lower-case hex digits: what Slack would send. For tests, fakes and the benchmark.
// Returns an empty string only if OpenSSL fails.
std::string sign(std::string_view secret, std::string_view timestamp, std::string_view body);

const char* to_string(verdict v) noexcept;

}  // namespace paperboy::chat::slack
