// The hashing and encodings our AWS code and lambda-harness need (SigV4, Content-MD5,
// DynamoDB binaries, SQS body digests, Lambda log tails, EC2 user-data digests), over OpenSSL
// or wolfCrypt (DRIFT_TLS_BACKEND).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aws::crypto {

std::string sha256(std::string_view data);                             // raw 32 bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex(std::string_view bytes);                               // lower-case
inline std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }
std::string md5(std::string_view data);  // raw 16 bytes
inline std::string md5_hex(std::string_view data) { return hex(md5(data)); }
std::string sha1(std::string_view data);  // raw 20 bytes
// Standard base64 with padding; decoding refuses what is not such text.
std::string base64(std::string_view bytes);
std::optional<std::string> unbase64(std::string_view text);

}  // namespace aws::crypto
