#include "drift/severity.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "glob.h"
#include "json.h"

namespace drift {

namespace detail {
extern const char* const builtin_rules_json;
}

namespace {

using detail::member;
using detail::string_member;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

enum class condition { changed, removed, turned_off, becomes, world_open };

struct rule {
  std::string id;
  std::vector<std::string> types;
  std::vector<std::string> attributes{"*"};
  std::vector<change_kind> changes{change_kind::update};
  condition when = condition::changed;
  std::vector<std::string> values;  // compact JSON, for `becomes`
  std::vector<int> ports;           // for `world_open`
  severity production = severity::info;
  std::optional<severity> non_production;
  std::string reason;
  bool auto_remediate = true;
};

}  // namespace

struct rule_table::impl {
  std::vector<rule> rules;
};

namespace {

// ---- values ---------------------------------------------------------------------------

bool parse_value(const std::optional<std::string>& text, rapidjson::Document& doc) {
  return text && !detail::parse_json(*text, doc);
}

bool is_empty(const rapidjson::Value& v) {
  if (v.IsNull()) return true;
  if (v.IsString()) return v.GetStringLength() == 0;
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) {
      if (!is_empty(e)) return false;
    }
    return true;
  }
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      if (!is_empty(it->value)) return false;
    }
    return true;
  }
  return false;  // numbers and booleans are values
}

bool is_on(const rapidjson::Value& v) {
  if (v.IsBool()) return v.GetBool();
  if (v.IsString()) {
    const std::string s = lower(std::string_view(v.GetString(), v.GetStringLength()));
    return s == "true" || s == "enabled" || s == "on";
  }
  return false;
}

bool is_cidr_open(const rapidjson::Value& v) {
  if (v.IsString()) {
    const std::string_view s(v.GetString(), v.GetStringLength());
    return s == "0.0.0.0/0" || s == "::/0";
  }
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) {
      if (is_cidr_open(e)) return true;
    }
  }
  return false;
}

std::optional<std::int64_t> number_member(const rapidjson::Value& obj,
                                          std::initializer_list<const char*> names) {
  for (const char* n : names) {
    const auto* v = member(obj, n);
    if (v && v->IsInt64()) return v->GetInt64();
    if (v && v->IsString()) {
      try {
        return std::stoll(v->GetString());
      } catch (...) {
      }
    }
  }
  return std::nullopt;
}

// A rule-shaped object (Terraform ingress block, aws_security_group_rule,
// aws_vpc_security_group_ingress_rule, CloudFormation SecurityGroupIngress) open to the
// world on one of the ports.
bool opens_port(const rapidjson::Value& obj, const std::vector<int>& ports) {
  bool open = false;
  for (const char* key :
       {"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6", "CidrIp", "CidrIpv6"}) {
    if (const auto* v = member(obj, key); v && is_cidr_open(*v)) open = true;
  }
  if (!open) return false;
  if (string_member(obj, "type") == "egress") return false;
  std::string protocol = string_member(obj, "protocol");
  if (protocol.empty()) protocol = string_member(obj, "ip_protocol");
  if (protocol.empty()) protocol = string_member(obj, "IpProtocol");
  protocol = lower(protocol);
  if (protocol == "-1" || protocol == "all") return true;
  if (protocol == "udp" || protocol == "icmp" || protocol == "icmpv6" || protocol == "17" ||
      protocol == "1" || protocol == "58") {
    return false;  // the listed services are TCP
  }
  const auto from = number_member(obj, {"from_port", "FromPort"});
  const auto to = number_member(obj, {"to_port", "ToPort"});
  if (!from || !to) return true;  // no ports named: all ports
  if (*from == -1 || *to == -1) return true;
  return std::any_of(ports.begin(), ports.end(), [&](int p) { return *from <= p && p <= *to; });
}

bool world_open(const rapidjson::Value& v, const std::vector<int>& ports) {
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) {
      if (world_open(e, ports)) return true;
    }
    return false;
  }
  if (!v.IsObject()) return false;
  if (opens_port(v, ports)) return true;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    if ((it->value.IsArray() || it->value.IsObject()) && world_open(it->value, ports)) return true;
  }
  return false;
}

bool in_values(const rapidjson::Value& v, const std::vector<std::string>& values) {
  const std::string text = lower(detail::to_text(v));
  for (const auto& want : values) {
    if (text == lower(want)) return true;
  }
  return false;
}

// ---- matching -------------------------------------------------------------------------

bool attribute_condition(const rule& r, const attribute_change& c) {
  if (r.when == condition::changed) return true;
  rapidjson::Document before, after;
  const bool has_before = parse_value(c.before, before);
  const bool has_after = parse_value(c.after, after);
  if (!has_after) return true;  // the source gave names only: assume the worst
  switch (r.when) {
    case condition::changed:
      return true;
    case condition::removed:
      return is_empty(after) && (!has_before || !is_empty(before));
    case condition::turned_off:
      return !is_on(after) && (!has_before || is_on(before));
    case condition::becomes:
      return in_values(after, r.values) && (!has_before || !in_values(before, r.values));
    case condition::world_open:
      return world_open(after, r.ports) && (!has_before || !world_open(before, r.ports));
  }
  return false;
}

bool type_matches(const rule& r, std::string_view type) {
  return std::any_of(r.types.begin(), r.types.end(),
                     [&](const std::string& p) { return detail::glob_match(p, type); });
}

bool attribute_matches(const rule& r, std::string_view name) {
  return std::any_of(r.attributes.begin(), r.attributes.end(),
                     [&](const std::string& p) { return detail::glob_match(p, name); });
}

// Which changed attributes made the rule match (empty when it did not).
std::vector<std::string> match(const rule& r, const grading_input& in) {
  if (!type_matches(r, in.resource_type)) return {};
  if (std::find(r.changes.begin(), r.changes.end(), in.change) == r.changes.end()) return {};
  if (in.change == change_kind::deleted) {
    // Gone from the cloud: whatever it provided was removed or switched off. Only rules about
    // the whole resource (attributes "*") speak about a deletion.
    if (r.when == condition::becomes || r.when == condition::world_open) return {};
    if (std::find(r.attributes.begin(), r.attributes.end(), "*") == r.attributes.end()) return {};
    return {"(resource deleted)"};
  }
  if (in.change == change_kind::unmanaged) {
    if (r.when == condition::changed) return {"(unmanaged)"};
    if (r.when == condition::world_open && in.resource_after) {
      rapidjson::Document doc;
      if (!detail::parse_json(*in.resource_after, doc) && world_open(doc, r.ports)) {
        return {"(unmanaged)"};
      }
    }
    return {};
  }
  std::vector<std::string> hits;
  for (const auto& c : in.changes) {
    if (attribute_matches(r, c.name) && attribute_condition(r, c)) hits.push_back(c.name);
  }
  return hits;
}

// ---- parsing --------------------------------------------------------------------------

std::optional<std::string> string_list(const rapidjson::Value* v, std::vector<std::string>& out) {
  if (!v) return std::nullopt;
  if (!v->IsArray()) return "expected an array of strings";
  out.clear();
  for (const auto& e : v->GetArray()) {
    if (!e.IsString()) return "expected an array of strings";
    out.emplace_back(e.GetString(), e.GetStringLength());
  }
  return std::nullopt;
}

core::result<rule> parse_rule(const rapidjson::Value& v, const std::string& where) {
  auto bad = [&](const std::string& field, const std::string& what) {
    return core::error{"InvalidRules", where + "." + field + ": " + what};
  };
  if (!v.IsObject()) return core::error{"InvalidRules", where + ": expected an object"};
  rule r;
  r.id = string_member(v, "id");
  if (r.id.empty()) return bad("id", "missing");
  if (auto err = string_list(member(v, "types"), r.types)) return bad("types", *err);
  if (r.types.empty()) return bad("types", "at least one resource type pattern is required");
  if (auto err = string_list(member(v, "attributes"), r.attributes)) {
    return bad("attributes", *err);
  }
  if (const auto* changes = member(v, "changes")) {
    std::vector<std::string> names;
    if (auto err = string_list(changes, names)) return bad("changes", *err);
    r.changes.clear();
    for (const auto& n : names) {
      auto c = parse_change_kind(n);
      if (!c) return bad("changes", "\"" + n + "\" is not update, delete or unmanaged");
      r.changes.push_back(*c);
    }
  }
  const std::string when = string_member(v, "when");
  if (when.empty() || when == "changed") {
    r.when = condition::changed;
  } else if (when == "removed") {
    r.when = condition::removed;
  } else if (when == "turned_off") {
    r.when = condition::turned_off;
  } else if (when == "becomes") {
    r.when = condition::becomes;
    const auto* values = member(v, "values");
    if (!values || !values->IsArray() || values->Empty()) {
      return bad("values", "\"becomes\" needs a non-empty array of values");
    }
    for (const auto& e : values->GetArray()) r.values.push_back(detail::to_text(e));
  } else if (when == "world_open") {
    r.when = condition::world_open;
    const auto* ports = member(v, "ports");
    if (!ports || !ports->IsArray() || ports->Empty()) {
      return bad("ports", "\"world_open\" needs a non-empty array of port numbers");
    }
    for (const auto& e : ports->GetArray()) {
      if (!e.IsInt() || e.GetInt() < 0 || e.GetInt() > 65535) return bad("ports", "not a port");
      r.ports.push_back(e.GetInt());
    }
  } else {
    return bad("when", "\"" + when + "\" is not changed, removed, turned_off, becomes, world_open");
  }
  auto sev = parse_severity(string_member(v, "severity"));
  if (!sev) return bad("severity", "expected CRITICAL, HIGH, MEDIUM, LOW or INFO");
  r.production = *sev;
  if (const auto* np = member(v, "non_production")) {
    auto s = np->IsString() ? parse_severity(np->GetString()) : std::nullopt;
    if (!s) return bad("non_production", "expected CRITICAL, HIGH, MEDIUM, LOW or INFO");
    r.non_production = *s;
  }
  r.reason = string_member(v, "reason");
  if (r.reason.empty()) return bad("reason", "missing: every grade says why");
  if (const auto* ar = member(v, "auto_remediate")) {
    if (!ar->IsBool()) return bad("auto_remediate", "expected a boolean");
    r.auto_remediate = ar->GetBool();
  }
  return r;
}

struct parsed_file {
  std::vector<rule> rules;
  std::vector<std::string> disable;
  bool replace_builtin = false;
};

core::result<parsed_file> parse_file(std::string_view json) {
  rapidjson::Document doc;
  if (auto err = detail::parse_json(json, doc)) return core::error{"InvalidRules", *err};
  if (!doc.IsObject()) return core::error{"InvalidRules", "(root): expected an object"};
  parsed_file out;
  if (const auto* v = member(doc, "replace_builtin")) {
    if (!v->IsBool()) return core::error{"InvalidRules", "replace_builtin: expected a boolean"};
    out.replace_builtin = v->GetBool();
  }
  if (auto err = string_list(member(doc, "disable"), out.disable)) {
    return core::error{"InvalidRules", "disable: " + *err};
  }
  const auto* rules = member(doc, "rules");
  if (rules && !rules->IsArray()) return core::error{"InvalidRules", "rules: expected an array"};
  std::set<std::string> seen;
  if (rules) {
    for (rapidjson::SizeType i = 0; i < rules->Size(); ++i) {
      auto r = parse_rule((*rules)[i], "rules[" + std::to_string(i) + "]");
      if (!r) return r.error();
      if (!seen.insert(r->id).second) {
        return core::error{"InvalidRules",
                           "rules[" + std::to_string(i) + "].id: \"" + r->id + "\" appears twice"};
      }
      out.rules.push_back(std::move(r).value());
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(severity s) {
  switch (s) {
    case severity::critical:
      return "CRITICAL";
    case severity::high:
      return "HIGH";
    case severity::medium:
      return "MEDIUM";
    case severity::low:
      return "LOW";
    case severity::info:
      return "INFO";
  }
  return "INFO";
}

std::optional<severity> parse_severity(std::string_view s) {
  const std::string l = lower(s);
  if (l == "critical") return severity::critical;
  if (l == "high") return severity::high;
  if (l == "medium") return severity::medium;
  if (l == "low") return severity::low;
  if (l == "info") return severity::info;
  return std::nullopt;
}

std::string_view to_string(change_kind c) {
  switch (c) {
    case change_kind::update:
      return "update";
    case change_kind::deleted:
      return "delete";
    case change_kind::unmanaged:
      return "unmanaged";
  }
  return "update";
}

std::optional<change_kind> parse_change_kind(std::string_view s) {
  if (s == "update") return change_kind::update;
  if (s == "delete") return change_kind::deleted;
  if (s == "unmanaged") return change_kind::unmanaged;
  return std::nullopt;
}

bool is_production(std::string_view environment) {
  const std::string e = lower(environment);
  return e.empty() || e == "production" || e == "prod" || e == "prd" || e == "live";
}

std::string_view priority(severity s, std::string_view environment) {
  // The environment moves priority, never severity: outside production one step later.
  const bool production = is_production(environment);
  switch (s) {
    case severity::critical:
      return production ? "P0" : "P1";
    case severity::high:
      return production ? "P1" : "P2";
    case severity::medium:
      return production ? "P2" : "P3";
    default:
      return "P3";
  }
}

const rule_table& rule_table::builtin() {
  // Parsed once per process from constant data; never mutated afterwards.
  static const rule_table table = [] {
    auto parsed = parse(detail::builtin_rules_json);
    return parsed ? std::move(parsed).value() : rule_table(std::make_shared<impl>());
  }();
  return table;
}

core::result<rule_table> rule_table::parse(std::string_view json) {
  auto file = parse_file(json);
  if (!file) return file.error();
  auto p = std::make_shared<impl>();
  p->rules = std::move(file->rules);
  return rule_table(std::move(p));
}

core::result<rule_table> rule_table::with_overrides(std::string_view json) const {
  auto file = parse_file(json);
  if (!file) return file.error();
  auto p = std::make_shared<impl>();
  if (!file->replace_builtin) p->rules = impl_->rules;
  for (const auto& id : file->disable) {
    auto it =
        std::find_if(p->rules.begin(), p->rules.end(), [&](const rule& r) { return r.id == id; });
    if (it == p->rules.end()) {
      return core::error{"InvalidRules", "disable: no rule \"" + id + "\" to disable"};
    }
    p->rules.erase(it);
  }
  for (auto& r : file->rules) {
    auto it =
        std::find_if(p->rules.begin(), p->rules.end(), [&](const rule& x) { return x.id == r.id; });
    if (it != p->rules.end()) {
      *it = std::move(r);
    } else {
      p->rules.push_back(std::move(r));
    }
  }
  return rule_table(std::move(p));
}

std::vector<std::string> rule_table::rule_ids() const {
  std::vector<std::string> out;
  for (const auto& r : impl_->rules) out.push_back(r.id);
  return out;
}

grade rule_table::evaluate(const grading_input& in) const {
  // Expected changes (rules with auto_remediate false: an autoscaled count) grade a drift only
  // when it holds nothing else; otherwise the other changes grade it, as if the expected ones
  // were not there, and the drift is still never remediated unattended.
  std::set<std::string> expected;
  for (const auto& r : impl_->rules)
    if (!r.auto_remediate)
      for (auto& h : match(r, in)) expected.insert(std::move(h));
  if (!expected.empty() && in.change == change_kind::update &&
      expected.size() < in.changes.size()) {
    grading_input rest = in;
    std::erase_if(rest.changes, [&](const attribute_change& c) { return expected.count(c.name); });
    grade g = evaluate(rest);
    g.auto_remediate = false;
    return g;
  }
  const bool production = is_production(in.environment);
  std::optional<grade> best;
  bool auto_remediate = expected.empty();
  for (const auto& r : impl_->rules) {
    const auto hits = match(r, in);
    if (hits.empty()) continue;
    // One table whatever the environment; only a rule that says so grades non-production apart.
    const bool own_non_production = !production && r.non_production.has_value();
    const severity level = own_non_production ? *r.non_production : r.production;
    if (best && level <= best->level) continue;  // ties: the earlier rule wins
    std::string what;
    for (const auto& h : hits) what += (what.empty() ? "" : ", ") + h;
    best = grade{level,
                 r.reason + " (" + in.resource_type + ": " + what + ")" +
                     (own_non_production ? " [non-production]" : ""),
                 r.id, true};
  }
  if (best) {
    best->auto_remediate = auto_remediate;
    return *best;
  }
  std::string names;
  for (const auto& c : in.changes) names += (names.empty() ? "" : ", ") + c.name;
  return grade{severity::info,
               "no rule covers " + (names.empty() ? std::string(to_string(in.change)) : names) +
                   " of " + in.resource_type,
               "default", true};
}

}  // namespace drift
