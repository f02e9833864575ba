// The rapidjson lookups every module needs, in one place: a member that may be absent, a
// string member read as "" when absent or not a string, a value written back as text; and the
// one guarded parser for input from outside (`parse`, below).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace core::json {

// The member `name` of `obj`; null when `obj` is not an object or has no such member.
inline const rapidjson::Value* member(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(name);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

// The member's string value, "" when absent or not a string.
inline std::string string_member(const rapidjson::Value& obj, const char* name) {
  const auto* v = member(obj, name);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

// Compact JSON text of `v`.
inline std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

// Writing answers: strings with their lengths (they may hold NULs), a key and its value, and a
// list of strings.
using writer = rapidjson::Writer<rapidjson::StringBuffer>;
inline void str(writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void key(writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}
inline void kv(writer& w, std::string_view k, std::string_view v) {
  key(w, k);
  str(w, v);
}
template <typename Strings>
void kv_list(writer& w, std::string_view k, const Strings& values) {
  key(w, k);
  w.StartArray();
  for (const auto& v : values) str(w, v);
  w.EndArray();
}

}  // namespace core::json

// ---------------------------------------------------------------------------------------------
// The one guarded parser for input from outside (events, records, requests, responses, state
// and plan files). rapidjson's own DOM parser recurses once per nesting level, and so does its
// DOM destructor: a document 100,000 levels deep overflows the stack. This parser reads
// iteratively, stops at `max_depth` while parsing (so no deep DOM ever exists), refuses
// documents over `max_bytes`, and refuses strings that are not valid UTF-8 -- including lone
// surrogates written as escapes (`\udc80`), which rapidjson's encoding check lets through.
// ---------------------------------------------------------------------------------------------

namespace core::json {

struct parse_limits {
  std::size_t max_bytes = 6 * 1024 * 1024;  // Lambda's own payload limit
  unsigned max_depth = 64;
};

// Limits for Terraform state and plan files: large, and nested a little deeper by providers.
inline constexpr parse_limits terraform_file_limits{512u * 1024 * 1024, 128};

namespace detail {

// Strict UTF-8: no overlong forms, no surrogate code points (U+D800..DFFF), nothing past
// U+10FFFF.
inline bool valid_utf8(const char* s, std::size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  std::size_t i = 0;
  while (i < n) {
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    i += len;
  }
  return true;
}

enum class stop_reason { none, too_deep, bad_utf8, not_finite };

// Forwards SAX events to the document, counting depth and checking every string.
template <typename Target>
class guard : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, guard<Target>> {
 public:
  guard(Target& t, unsigned max_depth) : t_(t), max_depth_(max_depth) {}
  stop_reason why = stop_reason::none;

  bool Null() { return t_.Null(); }
  bool Bool(bool b) { return t_.Bool(b); }
  bool Int(int i) { return t_.Int(i); }
  bool Uint(unsigned u) { return t_.Uint(u); }
  bool Int64(std::int64_t i) { return t_.Int64(i); }
  bool Uint64(std::uint64_t u) { return t_.Uint64(u); }
  // rapidjson reads a number beyond a double's range as infinity, which no JSON writer can write
  // back: such a document is refused like any other invalid JSON.
  bool Double(double d) {
    return std::isfinite(d) ? t_.Double(d) : refuse(stop_reason::not_finite);
  }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return t_.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    if (!valid_utf8(s, n)) return refuse(stop_reason::bad_utf8);
    return t_.String(s, n, copy);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    if (!valid_utf8(s, n)) return refuse(stop_reason::bad_utf8);
    return t_.Key(s, n, copy);
  }
  bool StartObject() {
    return ++depth_ > max_depth_ ? refuse(stop_reason::too_deep) : t_.StartObject();
  }
  bool EndObject(rapidjson::SizeType n) {
    --depth_;
    return t_.EndObject(n);
  }
  bool StartArray() {
    return ++depth_ > max_depth_ ? refuse(stop_reason::too_deep) : t_.StartArray();
  }
  bool EndArray(rapidjson::SizeType n) {
    --depth_;
    return t_.EndArray(n);
  }

 private:
  bool refuse(stop_reason r) {
    why = r;
    return false;
  }
  Target& t_;
  unsigned depth_ = 0;
  unsigned max_depth_;
};

}  // namespace detail

// Whether `text` is one well-formed JSON value, whatever its depth: a SAX pass that builds no
// tree and does not recurse (for relays that pass a document on untouched).
inline bool is_well_formed(std::string_view text) {
  rapidjson::MemoryStream in(text.data(), text.size());
  rapidjson::Reader reader;
  rapidjson::BaseReaderHandler<> ignore;
  return !reader.Parse<rapidjson::kParseIterativeFlag>(in, ignore).IsError();
}

// The parsed document, or an error with code "InvalidJson" (with the offset), "TooLarge",
// "TooDeep" or "InvalidUtf8". Messages are short and never quote the input.
inline core::result<rapidjson::Document> parse(std::string_view text,
                                               const parse_limits& limits = {}) {
  if (text.size() > limits.max_bytes)
    return core::error{"TooLarge", "the document is " + std::to_string(text.size()) +
                                       " bytes; at most " + std::to_string(limits.max_bytes) +
                                       " are accepted"};
  rapidjson::Document doc;
  rapidjson::ParseResult pr;
  detail::stop_reason why = detail::stop_reason::none;
  auto generate = [&](rapidjson::Document& target) {
    rapidjson::MemoryStream in(text.data(), text.size());
    rapidjson::Reader reader;
    detail::guard<rapidjson::Document> g(target, limits.max_depth);
    pr =
        reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(in, g);
    why = g.why;
    return !pr.IsError();
  };
  doc.Populate(generate);
  if (why == detail::stop_reason::too_deep)
    return core::error{"TooDeep", "the document nests deeper than " +
                                      std::to_string(limits.max_depth) + " levels"};
  if (why == detail::stop_reason::bad_utf8 ||
      pr.Code() == rapidjson::kParseErrorStringInvalidEncoding)
    return core::error{"InvalidUtf8",
                       "a string is not valid UTF-8 (offset " + std::to_string(pr.Offset()) + ")"};
  if (why == detail::stop_reason::not_finite)
    return core::error{"InvalidJson", "a number is too large for a double (offset " +
                                          std::to_string(pr.Offset()) + ")"};
  if (pr.IsError())
    return core::error{"InvalidJson", std::string(rapidjson::GetParseError_En(pr.Code())) +
                                          " (offset " + std::to_string(pr.Offset()) + ")"};
  return doc;
}

}  // namespace core::json
