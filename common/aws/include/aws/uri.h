// Percent-encoding as AWS defines it (RFC 3986 unreserved characters kept) and URL pieces.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aws::uri {

// Encodes every byte but A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash).
std::string encode(std::string_view s, bool keep_slash = false);
// Decodes %XX escapes; '+' is left alone (AWS query strings treat it literally).
std::string decode(std::string_view s);

struct parts {
  std::string scheme, host, path, query;  // host includes ":port" when the URL has one
};
// Splits an absolute URL; path defaults to "/".
parts split(std::string_view url);

// "a=1&b=2" -> {{"a","1"},{"b","2"}} with escapes decoded; "a" -> {{"a",""}}.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q);
// Encodes and joins in the given order.
std::string build_query(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace aws::uri
