// Hashing primitives SigV4 needs, over OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace aws::crypto {

std::string sha256(std::string_view data);                             // raw 32 bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex(std::string_view bytes);                               // lower-case
inline std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

}  // namespace aws::crypto
