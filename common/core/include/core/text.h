// Text headed for places with limits (DynamoDB items, SNS messages, error answers): cut on a
// UTF-8 character boundary, and made valid UTF-8, so a stored or sent string is never broken.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace core::text {

// At most `max_bytes` bytes of `s`, never splitting a character; `ellipsis` marks a cut.
inline std::string cut_utf8(std::string_view s, std::size_t max_bytes, bool ellipsis = false) {
  if (s.size() <= max_bytes) return std::string(s);
  const std::size_t room = ellipsis && max_bytes >= 3 ? max_bytes - 3 : max_bytes;
  std::size_t n = room;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + (ellipsis && max_bytes >= 3 ? "..." : "");
}

// `s` with every byte that does not start a well-formed character replaced by '?'.
inline std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80           ? 1
                            : (c >> 5) == 0x6  ? 2
                            : (c >> 4) == 0xE  ? 3
                            : (c >> 3) == 0x1E ? 4
                                               : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

}  // namespace core::text
