// Arbitrary bytes into the plan reader (a plan JSON can be handed to the scanner by CI).
// Besides not crashing, redaction must hold: a string the plan marks sensitive
// (`after_sensitive` true at its path) appears in no `after` the reader returns, neither the
// resource's nor a changed attribute's. To rule out false alarms only strings of 8 bytes or
// more are followed, and only those that are no part of any unmarked string or key anywhere in
// the input (nor of the redaction marker); plans with duplicate object keys are not followed.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "terraform/plan.h"
#include "terraform/redact.h"

namespace {

using rapidjson::Value;

bool has_duplicate_keys(const Value& v) {
  if (v.IsArray()) {
    for (const auto& e : v.GetArray())
      if (has_duplicate_keys(e)) return true;
  } else if (v.IsObject()) {
    std::set<std::string_view> seen;
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      if (!seen.emplace(m->name.GetString(), m->name.GetStringLength()).second) return true;
      if (has_duplicate_keys(m->value)) return true;
    }
  }
  return false;
}

struct marks {
  std::set<const Value*> marked;  // string values under a sensitive mark
  std::vector<std::string> secrets;
};

void mark_strings(const Value& v, marks& m) {
  if (v.IsString()) {
    m.marked.insert(&v);
    m.secrets.emplace_back(v.GetString(), v.GetStringLength());
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) mark_strings(e, m);
  } else if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) mark_strings(it->value, m);
  }
}

// `sensitive` mirrors `value`: true marks the whole value, objects and arrays go on by key and
// by index where `value` has the same shape.
void mark(const Value& value, const Value& sensitive, marks& m) {
  if (sensitive.IsTrue()) {
    mark_strings(value, m);
  } else if (sensitive.IsObject() && value.IsObject()) {
    for (auto s = sensitive.MemberBegin(); s != sensitive.MemberEnd(); ++s) {
      auto v = value.FindMember(s->name);
      if (v != value.MemberEnd()) mark(v->value, s->value, m);
    }
  } else if (sensitive.IsArray() && value.IsArray()) {
    for (rapidjson::SizeType i = 0; i < sensitive.Size() && i < value.Size(); ++i)
      mark(value[i], sensitive[i], m);
  }
}

void unmarked_strings(const Value& v, const marks& m, std::vector<std::string_view>& out) {
  if (v.IsString()) {
    if (!m.marked.count(&v)) out.emplace_back(v.GetString(), v.GetStringLength());
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) unmarked_strings(e, m, out);
  } else if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      out.emplace_back(it->name.GetString(), it->name.GetStringLength());
      unmarked_strings(it->value, m, out);
    }
  }
}

// Every string and key of a JSON text the reader returned.
void output_strings(const Value& v, std::vector<std::string_view>& out) {
  if (v.IsString()) {
    out.emplace_back(v.GetString(), v.GetStringLength());
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) output_strings(e, out);
  } else if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      out.emplace_back(it->name.GetString(), it->name.GetStringLength());
      output_strings(it->value, out);
    }
  }
}

// The sensitive strings worth following: long enough, and shown nowhere unmarked.
std::vector<std::string> followed_secrets(std::string_view bytes) {
  auto doc = core::json::parse(bytes, core::json::terraform_file_limits);
  if (!doc || !doc->IsObject() || has_duplicate_keys(*doc)) return {};
  marks m;
  for (const char* list : {"resource_drift", "resource_changes"}) {
    const auto* changes = core::json::member(*doc, list);
    if (!changes || !changes->IsArray()) continue;
    for (const auto& rc : changes->GetArray()) {
      const auto* change = core::json::member(rc, "change");
      const auto* after = change ? core::json::member(*change, "after") : nullptr;
      const auto* sensitive = change ? core::json::member(*change, "after_sensitive") : nullptr;
      if (after && sensitive) mark(*after, *sensitive, m);
    }
  }
  if (m.secrets.empty()) return {};
  std::vector<std::string_view> shown;
  unmarked_strings(*doc, m, shown);
  shown.emplace_back(terraform::redacted_marker);
  std::vector<std::string> out;
  for (const auto& s : m.secrets) {
    if (s.size() < 8) continue;
    bool elsewhere = false;
    for (auto u : shown) elsewhere = elsewhere || u.find(s) != std::string_view::npos;
    if (!elsewhere) out.push_back(s);
  }
  return out;
}

void expect_no_secret(const terraform::json_text& text, const std::vector<std::string>& secrets) {
  auto doc = core::json::parse(text, core::json::terraform_file_limits);
  if (!doc) __builtin_trap();  // the reader returns JSON text
  std::vector<std::string_view> strings;
  output_strings(*doc, strings);
  for (auto s : strings)
    for (const auto& secret : secrets)
      if (s.find(secret) != std::string_view::npos) __builtin_trap();  // a sensitive value leaked
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto p = terraform::parse_plan(bytes);
  if (p) {
    for (const auto& rc : p->resource_drift) {
      // Whatever was marked sensitive must not survive redaction.
      (void)terraform::redact(rc.after, rc.after_sensitive);
    }
    const auto secrets = followed_secrets(bytes);
    if (!secrets.empty()) {
      for (const auto* list : {&p->resource_drift, &p->resource_changes}) {
        for (const auto& rc : *list) {
          expect_no_secret(rc.after, secrets);
          for (const auto& c : rc.changed) expect_no_secret(c.after, secrets);
        }
      }
    }
  } else if (p.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
