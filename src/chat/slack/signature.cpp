#include "paperboy/chat/slack/signature.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <memory>

namespace paperboy::chat::slack {
namespace {

struct mac_free {
    void operator()(EVP_MAC* m) const noexcept { EVP_MAC_free(m); }
};
struct mac_ctx_free {
    void operator()(EVP_MAC_CTX* c) const noexcept { EVP_MAC_CTX_free(c); }
};

constexpr std::size_t hex_length = 64;  // SHA-256: 32 bytes
using hex_digest = std::array<char, hex_length>;

// Fetched once: EVP_MAC_fetch walks the provider tables, and a fetched EVP_MAC is safe to share
// between threads.
EVP_MAC* hmac() noexcept {
    static const std::unique_ptr<EVP_MAC, mac_free> mac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)};
    return mac.get();
}

bool update(EVP_MAC_CTX* ctx, std::string_view bytes) noexcept {
    return bytes.empty() || EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) == 1;
}

// Lower-case hex of HMAC-SHA256(secret, "v0:" + timestamp + ":" + body), streamed so the body is
// never copied.
// A context keyed with `secret`, made once per thread and secret: EVP_MAC_init looks the digest up
// by name, which costs more than hashing a slash command. Each request works on a copy.
EVP_MAC_CTX* keyed_template(std::string_view secret) noexcept {
    thread_local std::string cached_secret;
    thread_local std::unique_ptr<EVP_MAC_CTX, mac_ctx_free> cached;
    if (cached && cached_secret == secret) return cached.get();
    cached.reset();
    EVP_MAC* mac = hmac();
    if (!mac) return nullptr;
    std::unique_ptr<EVP_MAC_CTX, mac_ctx_free> ctx{EVP_MAC_CTX_new(mac)};
    if (!ctx) return nullptr;
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                                 OSSL_PARAM_construct_end()};
    // A null key pointer means "keep the previous key" to OpenSSL; an empty secret is a key too.
    static const unsigned char no_key = 0;
    const auto* key = secret.empty() ? &no_key : reinterpret_cast<const unsigned char*>(secret.data());
    if (EVP_MAC_init(ctx.get(), key, secret.size(), params) != 1) return nullptr;
    try {
        cached_secret.assign(secret);
    } catch (...) {
        return nullptr;
    }
    cached = std::move(ctx);
    return cached.get();
}

bool compute(std::string_view secret, std::string_view timestamp, std::string_view body, hex_digest& hex) noexcept {
    EVP_MAC_CTX* keyed = keyed_template(secret);
    if (!keyed) return false;
    std::unique_ptr<EVP_MAC_CTX, mac_ctx_free> ctx{EVP_MAC_CTX_dup(keyed)};
    if (!ctx) return false;
    if (!update(ctx.get(), "v0:") || !update(ctx.get(), timestamp) || !update(ctx.get(), ":") ||
        !update(ctx.get(), body))
        return false;
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    std::size_t out_length = 0;
    if (EVP_MAC_final(ctx.get(), out.data(), &out_length, out.size()) != 1 || out_length * 2 != hex_length)
        return false;
    constexpr char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < out_length; ++i) {
        hex[2 * i] = digits[out[i] >> 4];
        hex[2 * i + 1] = digits[out[i] & 0x0F];
    }
    return true;
}

// Unix seconds: 1 to 12 ASCII digits, nothing else (no sign, no spaces).
bool parse_seconds(std::string_view text, long long& seconds) noexcept {
    if (text.empty() || text.size() > 12) return false;
    seconds = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        seconds = seconds * 10 + (c - '0');
    }
    return true;
}

}  // namespace

verdict verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                         std::string_view signature_header, std::string_view raw_body,
                         std::chrono::system_clock::time_point now) noexcept {
    if (timestamp_header.empty() || signature_header.empty()) return verdict::missing;

    long long sent = 0;
    if (!parse_seconds(timestamp_header, sent)) return verdict::stale;
    const long long current = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const long long skew = max_clock_skew.count();
    // Both bounds are small enough (12 digits, today's clock) that nothing overflows.
    if (sent < current - skew || sent > current + skew) return verdict::stale;

    constexpr std::string_view prefix = "v0=";
    if (signing_secret.empty() || signature_header.size() != prefix.size() + hex_length ||
        !signature_header.starts_with(prefix))
        return verdict::bad_signature;

    hex_digest expected{};
    if (!compute(signing_secret, timestamp_header, raw_body, expected)) return verdict::bad_signature;
    // Lengths are public; the digits are compared in constant time.
    if (CRYPTO_memcmp(expected.data(), signature_header.data() + prefix.size(), hex_length) != 0)
        return verdict::bad_signature;
    return verdict::ok;
}

std::string sign(std::string_view secret, std::string_view timestamp, std::string_view body) {
    hex_digest hex{};
    if (!compute(secret, timestamp, body, hex)) return {};
    std::string out = "v0=";
    out.append(hex.data(), hex.size());
    return out;
}

const char* to_string(verdict v) noexcept {
    switch (v) {
        case verdict::ok: return "ok";
        case verdict::missing: return "missing";
        case verdict::stale: return "stale";
        case verdict::bad_signature: return "bad_signature";
    }
    return "unknown";
}

}  // namespace paperboy::chat::slack
