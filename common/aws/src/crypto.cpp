#include "aws/crypto.h"

#include <algorithm>
#include <memory>

#ifdef DRIFT_TLS_WOLFSSL
// wolfCrypt's own API, not its OpenSSL compatibility names.
// options.h first: it carries the settings the library was compiled with.
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/coding.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/hmac.h>
#else
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

namespace aws::crypto {

#ifdef DRIFT_TLS_WOLFSSL

namespace {

const byte* bytes_of(std::string_view s) { return reinterpret_cast<const byte*>(s.data()); }

}  // namespace

std::string sha256(std::string_view data) {
  std::string out(WC_SHA256_DIGEST_SIZE, '\0');
  wc_Sha256Hash(bytes_of(data), static_cast<word32>(data.size()),
                reinterpret_cast<byte*>(out.data()));
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::string out(WC_SHA256_DIGEST_SIZE, '\0');
  Hmac h;
  if (wc_HmacInit(&h, nullptr, INVALID_DEVID) != 0) return std::string();
  const bool ok =
      wc_HmacSetKey(&h, WC_SHA256, bytes_of(key), static_cast<word32>(key.size())) == 0 &&
      wc_HmacUpdate(&h, bytes_of(data), static_cast<word32>(data.size())) == 0 &&
      wc_HmacFinal(&h, reinterpret_cast<byte*>(out.data())) == 0;
  wc_HmacFree(&h);
  return ok ? out : std::string();
}

std::string md5(std::string_view data) {
  std::string out(WC_MD5_DIGEST_SIZE, '\0');
  wc_Md5Hash(bytes_of(data), static_cast<word32>(data.size()), reinterpret_cast<byte*>(out.data()));
  return out;
}

std::string sha1(std::string_view data) {
  std::string out(WC_SHA_DIGEST_SIZE, '\0');
  wc_ShaHash(bytes_of(data), static_cast<word32>(data.size()), reinterpret_cast<byte*>(out.data()));
  return out;
}

std::string base64(std::string_view bytes) {
  if (bytes.empty()) return std::string();
  // Room for the text and the terminating NUL wolfCrypt writes when it fits.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  word32 len = static_cast<word32>(out.size());
  if (Base64_Encode_NoNl(bytes_of(bytes), static_cast<word32>(bytes.size()),
                         reinterpret_cast<byte*>(out.data()), &len) != 0)
    return std::string();
  out.resize(std::min<std::size_t>(len, 4 * ((bytes.size() + 2) / 3)));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  if (text.empty()) return std::string();
  // wolfCrypt skips line breaks inside the text; OpenSSL's decoder, the other backend, refuses
  // them: refuse anything outside the alphabet so both backends answer alike.
  const bool alphabet_only = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
  });
  if (!alphabet_only) return std::nullopt;
  std::string out(3 * text.size() / 4 + 1, '\0');
  word32 len = static_cast<word32>(out.size());
  if (Base64_Decode(bytes_of(text), static_cast<word32>(text.size()),
                    reinterpret_cast<byte*>(out.data()), &len) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

#else

namespace {

// SHA-256 fetched from the provider once per process: EVP_sha256() makes every digest look
// the implementation up again under a lock, a cost each signed request paid several times.
// Cached on purpose for the life of a warm container; freed at exit.
const EVP_MD* fetched_sha256() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
      EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
  return md ? md.get() : EVP_sha256();
}

}  // namespace

std::string sha256(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, fetched_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string md5(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string sha1(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_sha1(), nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string base64(std::string_view bytes) {
  // EVP_EncodeBlock writes a terminating NUL after the text.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4 + 1, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as data.
  std::size_t len = static_cast<std::size_t>(n);
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && len > 0; --i) --len;
  out.resize(len);
  return out;
}

#endif  // DRIFT_TLS_WOLFSSL

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

}  // namespace aws::crypto
