// libFuzzer: arbitrary bytes as the scanner's outside input.
//
// The invocation event's reader (handler.cpp, parse_event) takes the AWS session, since a
// `plan_uri` is read from S3, and does not compile without the AWS client. The bytes go instead
// to the parser it reads with, core::json::parse -- checked against rapidjson's own iterative
// parser, and against an independent strict UTF-8 decoder -- and to the scan targets reader,
// scanner::parse_targets (SCAN_TARGETS or its SSM parameter).
#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "targets.h"

namespace {

// Strict UTF-8 by decoding: no overlong forms, no surrogates, nothing past U+10FFFF.
bool strict_utf8(const char* s, std::size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < n;) {
    const unsigned c = p[i];
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
      return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// Nesting depth (a scalar 0, `[]` 1) and whether every string and key is strict UTF-8; walked
// without recursion.
std::pair<unsigned, bool> inspect(const rapidjson::Value& root) {
  unsigned deepest = 0;
  bool strings_ok = true;
  std::vector<std::pair<const rapidjson::Value*, unsigned>> todo{{&root, 0}};
  while (!todo.empty()) {
    auto [v, d] = todo.back();
    todo.pop_back();
    if (v->IsString()) {
      strings_ok = strings_ok && strict_utf8(v->GetString(), v->GetStringLength());
    } else if (v->IsArray()) {
      deepest = std::max(deepest, d + 1);
      for (const auto& e : v->GetArray()) todo.push_back({&e, d + 1});
    } else if (v->IsObject()) {
      deepest = std::max(deepest, d + 1);
      for (const auto& m : v->GetObject()) {
        strings_ok = strings_ok && strict_utf8(m.name.GetString(), m.name.GetStringLength());
        todo.push_back({&m.value, d + 1});
      }
    }
  }
  return {deepest, strings_ok};
}

// Whether every number is finite (rapidjson reads a number beyond a double's range as
// infinity; the guarded parser refuses it); walked without recursion.
bool all_finite(const rapidjson::Value& root) {
  std::vector<const rapidjson::Value*> todo{&root};
  while (!todo.empty()) {
    const auto* v = todo.back();
    todo.pop_back();
    if (v->IsDouble() && !std::isfinite(v->GetDouble())) return false;
    if (v->IsArray())
      for (const auto& e : v->GetArray()) todo.push_back(&e);
    else if (v->IsObject())
      for (const auto& m : v->GetObject()) todo.push_back(&m.value);
  }
  return true;
}

void check_guarded(std::string_view bytes, const core::json::parse_limits& limits) {
  auto got = core::json::parse(bytes, limits);
  // rapidjson itself, iteratively (so that any depth can be read here), as the reference; from
  // the same kind of stream (Parse(str, length) would skip byte-order-mark bytes first).
  rapidjson::Document ref;
  rapidjson::MemoryStream in(bytes.data(), bytes.size());
  ref.ParseStream<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(in);
  if (got) {
    if (ref.HasParseError()) __builtin_trap();  // accepted what rapidjson refuses
    auto [depth, strings_ok] = inspect(*got);
    if (depth > limits.max_depth || !strings_ok || bytes.size() > limits.max_bytes ||
        !all_finite(*got))
      __builtin_trap();
    // What the writer makes of it reads back.
    if (!core::json::parse(core::json::to_text(*got), {SIZE_MAX, limits.max_depth}))
      __builtin_trap();
    return;
  }
  const auto& e = got.error();
  if (e.message.empty() || e.message.size() > 256) __builtin_trap();
  if (e.code == "TooLarge") {
    if (bytes.size() <= limits.max_bytes) __builtin_trap();
  } else if (e.code == "InvalidJson") {
    // Refused valid JSON as invalid (a number beyond a double's range excepted).
    if (!ref.HasParseError() && all_finite(ref)) __builtin_trap();
  } else if (e.code == "TooDeep") {
    if (!ref.HasParseError() && inspect(ref).first <= limits.max_depth) __builtin_trap();
  } else if (e.code == "InvalidUtf8") {
    if (!ref.HasParseError() && inspect(ref).second) __builtin_trap();
  } else {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_guarded(bytes, {});
  check_guarded(bytes, {1024, 8});

  auto targets = scanner::parse_targets(std::string(bytes));
  if (!targets) {
    if (targets.error().code != "InvalidTargets" || targets.error().message.empty() ||
        targets.error().message.size() > 4096)
      __builtin_trap();
    return 0;
  }
  for (const auto& t : *targets) {
    if (t.name.empty()) __builtin_trap();  // even an unusable entry is named in its report
    if (!t.problem.empty()) continue;
    if (t.state.bucket.empty() || t.state.key.empty()) __builtin_trap();
    if (t.state_key_of("default") != t.state.key) __builtin_trap();
    // The keys of the default and of one named workspace are both found again in a listing.
    const auto found = scanner::workspaces_in_listing(t, {t.state_key_of("prod"), t.state.key});
    if (found != std::vector<std::string>{"default", "prod"}) __builtin_trap();
    const auto chosen = scanner::select_workspaces(t, found);
    if (t.state.workspaces.empty() ? chosen != found : chosen != t.state.workspaces)
      __builtin_trap();
    (void)t.environment_of("prod");
  }
  return 0;
}
