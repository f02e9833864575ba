// Small encodings the Lambda and SQS wire formats need (OpenSSL does the work).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace harness {

std::string base64_encode(std::string_view data);
std::optional<std::string> base64_decode(std::string_view text);
std::string md5_hex(std::string_view data);

}  // namespace harness
