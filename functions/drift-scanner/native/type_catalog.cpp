#include "type_catalog.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "registry.h"

namespace scanner::native {

std::string_view to_string(skip_kind k) {
  switch (k) {
    case skip_kind::provider_only:
      return "provider_only";
    case skip_kind::write_only:
      return "write_only";
    case skip_kind::create_only:
      return "create_only";
    case skip_kind::not_read:
      return "not_read";
  }
  return "not_read";
}

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void strings(writer& w, const std::vector<std::string_view>* names) {
  w.StartArray();
  if (names)
    for (auto n : *names) string(w, n);
  w.EndArray();
}

// The CloudTrail calls that change the type: {"source","events","global"}, or null.
void changes(writer& w, const change_locator* c) {
  if (!c) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("source");
  string(w, c->source);
  w.Key("events");
  strings(w, &c->events);
  w.Key("global");
  w.Bool(c->global);
  w.EndObject();
}

std::string_view verified(const type_module& m) {
  return m.depth && m.depth->offline_only ? "offline-only" : "ground-truth";
}

}  // namespace

std::string types_json() {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  w.Key("types");
  w.StartArray();
  for (const auto* m : all_modules()) {
    w.StartObject();
    w.Key("type");
    string(w, m->type);
    w.Key("compared");
    strings(w, m->depth ? &m->depth->compared : nullptr);
    w.Key("not_compared");
    w.StartArray();
    if (m->depth)
      for (const auto& s : m->depth->skipped) {
        w.StartObject();
        w.Key("name");
        string(w, s.name);
        w.Key("kind");
        string(w, to_string(s.kind));
        w.Key("why");
        string(w, s.why);
        w.EndObject();
      }
    w.EndArray();
    w.Key("listable");
    w.Bool(static_cast<bool>(m->list));
    w.Key("verified");
    string(w, verified(*m));
    w.Key("offline_only");
    strings(w, m->depth ? &m->depth->offline_only_attributes : nullptr);
    w.Key("permissions");
    w.StartObject();
    w.Key("read");
    strings(w, m->permissions ? &m->permissions->read : nullptr);
    w.Key("list");
    strings(w, m->permissions ? &m->permissions->list : nullptr);
    w.EndObject();
    w.Key("changes");
    changes(w, m->changes);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

std::string types_table() {
  std::string out =
      "type                                                     compared  skipped  listable  "
      "verified\n";
  char line[256];
  for (const auto* m : all_modules()) {
    const std::size_t compared = m->depth ? m->depth->compared.size() : 0;
    const std::size_t skipped = m->depth ? m->depth->skipped.size() : 0;
    std::snprintf(line, sizeof line, "%-56.*s %8zu %8zu  %-8s  %.*s\n",
                  static_cast<int>(m->type.size()), m->type.data(), compared, skipped,
                  m->list ? "yes" : "no", static_cast<int>(verified(*m).size()),
                  verified(*m).data());
    out += line;
  }
  return out;
}

}  // namespace scanner::native
