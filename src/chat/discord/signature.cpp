#include "paperboy/chat/discord/signature.hpp"

#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <optional>

namespace paperboy::chat::discord {
namespace {

struct pkey_free {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct md_ctx_free {
    void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

template <std::size_t N>
std::optional<std::array<unsigned char, N>> from_hex(std::string_view hex) noexcept {
    if (hex.size() != 2 * N) return std::nullopt;
    std::array<unsigned char, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    return out;
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

// Ed25519 signs the message in one pass (no streaming), so timestamp and body are joined; a
// thread's buffer is reused so a request costs no allocation once warm.
std::string_view joined(std::string_view timestamp, std::string_view body) {
    thread_local std::string buffer;
    buffer.assign(timestamp);
    buffer.append(body);
    return buffer;
}

}  // namespace

struct verifier::key {
    pkey_ptr pkey;
};

result<verifier> verifier::from_hex(std::string_view public_key_hex) {
    auto raw = discord::from_hex<32>(public_key_hex);
    if (!raw) return error{"DISCORD_PUBLIC_KEY must be 64 hexadecimal digits (the application's public key)"};
    pkey_ptr k{EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw->data(), raw->size())};
    if (!k) return error{"DISCORD_PUBLIC_KEY is not a valid Ed25519 public key"};
    return verifier(std::make_shared<const key>(key{std::move(k)}));
}

verdict verifier::verify(std::string_view timestamp_header, std::string_view signature_header,
                         std::string_view raw_body, std::chrono::system_clock::time_point now) const noexcept {
    if (timestamp_header.empty() || signature_header.empty()) return verdict::missing;
    long long ts = 0;
    const auto [end, ec] = std::from_chars(timestamp_header.data(), timestamp_header.data() + timestamp_header.size(), ts);
    if (ec != std::errc{} || end != timestamp_header.data() + timestamp_header.size()) return verdict::stale;
    const long long now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (ts > now_s + max_clock_skew.count() || ts < now_s - max_clock_skew.count()) return verdict::stale;
    const auto signature = discord::from_hex<64>(signature_header);
    if (!signature) return verdict::bad_signature;
    try {
        const auto message = joined(timestamp_header, raw_body);
        std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx{EVP_MD_CTX_new()};
        if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1)
            return verdict::bad_signature;
        const int ok = EVP_DigestVerify(ctx.get(), signature->data(), signature->size(),
                                        reinterpret_cast<const unsigned char*>(message.data()), message.size());
        return ok == 1 ? verdict::ok : verdict::bad_signature;
    } catch (...) {
        return verdict::bad_signature;
    }
}

struct test_signer::key {
    pkey_ptr pkey;
};

test_signer::test_signer() {
    EVP_PKEY* k = nullptr;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx{EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr),
                                                                    EVP_PKEY_CTX_free};
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &k) != 1)
        throw std::runtime_error("cannot make an Ed25519 key");
    key_ = std::make_shared<const key>(key{pkey_ptr{k}});
}

std::string test_signer::public_key_hex() const {
    std::array<unsigned char, 32> raw{};
    std::size_t n = raw.size();
    if (EVP_PKEY_get_raw_public_key(key_->pkey.get(), raw.data(), &n) != 1) return {};
    return to_hex(raw.data(), n);
}

std::string test_signer::sign(std::string_view timestamp, std::string_view body) const {
    const std::string message = std::string(timestamp) + std::string(body);
    std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx{EVP_MD_CTX_new()};
    std::array<unsigned char, 64> sig{};
    std::size_t n = sig.size();
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig.data(), &n, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1)
        return {};
    return to_hex(sig.data(), n);
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

}  // namespace paperboy::chat::discord
