#include "invocation.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>

namespace harness {
namespace {

// Process-wide generator, guarded: identifiers only need to be unique, not secret.
std::string random_hex(std::size_t digits) {
  static std::mutex m;
  static std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  std::string out;
  std::lock_guard lock(m);
  while (out.size() < digits) {
    auto v = rng();
    for (int i = 0; i < 16 && out.size() < digits; ++i, v >>= 4) out.push_back(hex[v & 0xf]);
  }
  return out;
}

}  // namespace

outcome outcome::failure(std::string type, std::string message) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("errorMessage");
  w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
  w.Key("errorType");
  w.String(type.c_str(), static_cast<rapidjson::SizeType>(type.size()));
  w.EndObject();
  outcome o;
  o.ok = false;
  o.payload = buf.GetString();
  o.error_type = std::move(type);
  return o;
}

std::string new_request_id() {
  std::string h = random_hex(32);
  h[12] = '4';                        // version 4
  h[16] = "89ab"[(h[16] - '0') & 3];  // RFC 4122 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string new_trace_id() {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  char epoch[16];
  std::snprintf(epoch, sizeof epoch, "%08llx", static_cast<unsigned long long>(secs));
  return "Root=1-" + std::string(epoch) + "-" + random_hex(24) + ";Parent=" + random_hex(16) +
         ";Sampled=0";
}

}  // namespace harness
