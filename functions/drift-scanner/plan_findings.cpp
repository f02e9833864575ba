#include "plan_findings.h"

#include <rapidjson/document.h>

#include "drift/tags.h"

namespace scanner {

namespace {

// A state-like instance built from the plan's own (redacted) "before" value, for resources
// the backend state does not hold (plan ingested without state).
terraform::resource_instance instance_from(const terraform::resource_change& rc) {
  terraform::resource_instance r;
  r.address = rc.address;
  r.module = rc.module_address;
  r.mode = rc.mode;
  r.type = rc.type;
  r.name = rc.name;
  r.key = rc.key;
  r.attributes = rc.before;
  r.sensitive_paths = rc.before_sensitive;
  rapidjson::Document d;
  d.Parse(rc.before.c_str(), rc.before.size());
  if (d.IsObject()) {
    if (d.HasMember("id") && d["id"].IsString()) r.id = d["id"].GetString();
    if (d.HasMember("arn") && d["arn"].IsString()) r.arn = d["arn"].GetString();
  }
  return r;
}

int managed_count(const terraform::state& st) {
  int n = 0;
  for (const auto& r : st.resources)
    if (r.mode == terraform::resource_mode::managed && r.deposed.empty()) ++n;
  return n;
}

}  // namespace

findings findings_from_plan(const terraform::plan& p, const terraform::state* state,
                            std::string engine_name) {
  findings f;
  f.engine = std::move(engine_name);
  const terraform::state empty;
  const terraform::state& lookup = state ? *state : (p.prior_state ? *p.prior_state : empty);
  int deleted = 0;
  for (const auto& rc : p.resource_drift) {
    if (rc.mode != terraform::resource_mode::managed || !rc.deposed.empty()) continue;
    finding d;
    if (rc.is_delete()) {
      d.change = drift::change_kind::deleted;
      ++deleted;
    } else if (rc.is_update()) {
      d.change = drift::change_kind::update;
      for (const auto& c : rc.changed)
        d.attributes.push_back({c.name, c.before, c.after, c.sensitive});
      if (d.attributes.empty()) continue;
    } else {
      continue;
    }
    d.address = rc.address;
    d.type = rc.type;
    const terraform::resource_instance* inst = lookup.find(rc.address);
    terraform::resource_instance own;
    if (!inst) {
      own = instance_from(rc);
      inst = &own;
    }
    auto identity = drift::identity_of(*inst, lookup);
    d.id = inst->id;
    d.arn = identity.arn;
    d.tags = std::move(identity.tags);
    f.drifts.push_back(std::move(d));
  }
  if (state) {
    f.resources_scanned = managed_count(*state);
  } else if (p.prior_state) {
    f.resources_scanned = managed_count(*p.prior_state) + deleted;
  } else {
    f.resources_scanned = static_cast<int>(f.drifts.size());
  }
  if (p.errored) f.errors.push_back({"PlanErrored", "the plan reports errored = true", ""});
  return f;
}

core::result<findings> findings_from_plan_json(std::string_view bytes,
                                               const terraform::state* state,
                                               std::string engine_name) {
  auto p = terraform::parse_plan(bytes);
  if (!p) return p.error();
  return findings_from_plan(p.value(), state, std::move(engine_name));
}

}  // namespace scanner
