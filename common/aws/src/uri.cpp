#include "aws/uri.h"

namespace aws::uri {

std::string encode(std::string_view s, bool keep_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3 / 2);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::string decode(std::string_view s) {
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && val(s[i + 1]) >= 0 && val(s[i + 2]) >= 0) {
      out += static_cast<char>(val(s[i + 1]) * 16 + val(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

parts split(std::string_view url) {
  parts p;
  auto scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos) {
    p.scheme = std::string(url.substr(0, scheme_end));
    url.remove_prefix(scheme_end + 3);
  }
  auto path_start = url.find_first_of("/?");
  p.host = std::string(url.substr(0, path_start));
  if (path_start == std::string_view::npos) {
    p.path.assign(1, '/');
    return p;
  }
  url.remove_prefix(path_start);
  auto q = url.find('?');
  p.path = std::string(url.substr(0, q));
  if (p.path.empty()) p.path.assign(1, '/');
  if (q != std::string_view::npos) p.query = std::string(url.substr(q + 1));
  return p;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    auto amp = q.find('&');
    auto item = q.substr(0, amp);
    if (!item.empty()) {
      auto eq = item.find('=');
      if (eq == std::string_view::npos)
        out.emplace_back(decode(item), "");
      else
        out.emplace_back(decode(item.substr(0, eq)), decode(item.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return out;
}

std::string build_query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += encode(k);
    out += '=';
    out += encode(v);
  }
  return out;
}

}  // namespace aws::uri
