// Reading the SigV4 conformance vectors: raw HTTP request files and case folders.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "http/client.h"

namespace vectors {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The suite folder: $<env_var>, else $DRIFT_SHARED_DIR/vectors/<sub>.
inline std::filesystem::path suite_dir(const char* env_var, const char* sub) {
  if (const char* d = std::getenv(env_var); d && *d) return d;
  const char* shared = std::getenv("DRIFT_SHARED_DIR");
  return std::filesystem::path(shared ? shared : "../shared") / "vectors" / sub;
}

// Parses "METHOD /path?query HTTP/1.1\nName:value\n...\n\nbody" into a request on
// https://<Host>; header values are kept verbatim (the signer canonicalises them).
inline http::request parse_request(const std::string& text) {
  http::request req;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  auto sp1 = line.find(' ');
  auto sp2 = line.rfind(' ');
  req.method = line.substr(0, sp1);
  std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !req.headers.empty()) {
      req.headers.back().second += "," + line;  // folded continuation line
      continue;
    }
    auto colon = line.find(':');
    req.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  req.body = body;
  const std::string* host = http::find_header(req.headers, "host");
  req.url = "https://" + (host ? *host : std::string("example.amazonaws.com")) + target;
  return req;
}

// Request line, sorted header lines (name lower-cased, value trimmed) and body: what a
// signed request means, independent of the order a signer appends its headers in.
inline std::string request_meaning(const std::string& text) {
  std::istringstream in(text);
  std::string first, line;
  std::getline(in, first);
  std::vector<std::string> headers;
  while (std::getline(in, line) && !line.empty()) {
    auto colon = line.find(':');
    std::string name = line.substr(0, colon), value = line.substr(colon + 1);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    headers.push_back(name + ":" + value);
  }
  std::sort(headers.begin(), headers.end());
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string out = first + "\n";
  for (auto& h : headers) out += h + "\n";
  return out + "\n" + body;
}

inline std::string serialise(const http::request& req, const std::string& target) {
  std::string out = req.method + " " + target + " HTTP/1.1\n";
  for (const auto& [k, v] : req.headers) out += k + ":" + v + "\n";
  return out + "\n" + req.body;
}

}  // namespace vectors
