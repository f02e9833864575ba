#include "terraform/state.h"

#include "json_util.h"
#include "state_json.h"
#include "terraform/redact.h"

namespace terraform {

namespace {

using detail::member;
using detail::string_member;

core::error invalid(const std::string& where, const std::string& what) {
  return {"InvalidState", where + ": " + what};
}

std::optional<std::string> read_mode(const std::string& s, resource_mode& out) {
  if (s == "managed") {
    out = resource_mode::managed;
  } else if (s == "data") {
    out = resource_mode::data;
  } else {
    return "mode must be \"managed\" or \"data\"";
  }
  return std::nullopt;
}

void fill_ids(resource_instance& r, const rapidjson::Value& attrs) {
  r.id = string_member(attrs, "id");
  r.arn = string_member(attrs, "arn");
}

// State file v4: {"version": 4, "resources": [{"module", "mode", "type", "name", "provider",
// "instances": [{"index_key", "schema_version", "attributes", "sensitive_attributes"}]}]}.
core::result<state> read_v4(const rapidjson::Value& root) {
  state st;
  st.version = 4;
  st.terraform_version = string_member(root, "terraform_version");
  st.lineage = string_member(root, "lineage");
  if (const auto* serial = member(root, "serial"); serial && serial->IsInt64()) {
    st.serial = serial->GetInt64();
  }
  const auto* resources = member(root, "resources");
  if (!resources || resources->IsNull()) return st;
  if (!resources->IsArray()) return invalid("resources", "expected an array");
  for (rapidjson::SizeType i = 0; i < resources->Size(); ++i) {
    const auto& res = (*resources)[i];
    const std::string where = "resources[" + std::to_string(i) + "]";
    if (!res.IsObject()) return invalid(where, "expected an object");
    resource_instance base;
    base.module = string_member(res, "module");
    base.type = string_member(res, "type");
    base.name = string_member(res, "name");
    base.provider = string_member(res, "provider");
    if (base.type.empty() || base.name.empty()) return invalid(where, "type and name are required");
    if (auto err = read_mode(string_member(res, "mode"), base.mode)) return invalid(where, *err);
    const auto* instances = member(res, "instances");
    if (!instances || !instances->IsArray())
      return invalid(where + ".instances", "expected an array");
    for (rapidjson::SizeType j = 0; j < instances->Size(); ++j) {
      const auto& inst = (*instances)[j];
      const std::string iwhere = where + ".instances[" + std::to_string(j) + "]";
      if (!inst.IsObject()) return invalid(iwhere, "expected an object");
      resource_instance r = base;
      if (auto err = detail::read_index_key(member(inst, "index_key"), r.key)) {
        return invalid(iwhere + ".index_key", *err);
      }
      if (const auto* sv = member(inst, "schema_version")) {
        if (!sv->IsInt64()) return invalid(iwhere + ".schema_version", "expected an integer");
        r.schema_version = sv->GetInt64();
      }
      r.status = string_member(inst, "status");
      r.deposed = string_member(inst, "deposed");
      if (const auto* attrs = member(inst, "attributes"); attrs && !attrs->IsNull()) {
        if (!attrs->IsObject()) return invalid(iwhere + ".attributes", "expected an object");
        r.attributes = detail::to_text(*attrs);
        fill_ids(r, *attrs);
      } else if (const auto* flat = member(inst, "attributes_flat"); flat && flat->IsObject()) {
        // Pre-0.12 flatmap attributes: kept as a flat object of strings.
        r.attributes = detail::to_text(*flat);
        fill_ids(r, *flat);
      }
      if (const auto* sens = member(inst, "sensitive_attributes"); sens && !sens->IsNull()) {
        if (auto err = detail::parse_cty_paths(*sens, r.sensitive_paths)) {
          return invalid(iwhere + ".sensitive_attributes", *err);
        }
      }
      const auto* deps = member(inst, "dependencies");
      if (!deps) deps = member(inst, "depends_on");
      if (deps && deps->IsArray()) {
        for (const auto& d : deps->GetArray()) {
          if (d.IsString()) r.dependencies.emplace_back(d.GetString(), d.GetStringLength());
        }
      }
      r.address = format_address(r.module, r.mode, r.type, r.name, r.key);
      st.resources.push_back(std::move(r));
    }
  }
  return st;
}

}  // namespace

namespace detail {

namespace {

std::optional<std::string> read_module(const rapidjson::Value& mod, const std::string& where,
                                       state& out) {
  if (!mod.IsObject()) return where + ": expected an object";
  const std::string module_address = string_member(mod, "address");
  if (const auto* resources = member(mod, "resources"); resources && !resources->IsNull()) {
    if (!resources->IsArray()) return where + ".resources: expected an array";
    for (rapidjson::SizeType i = 0; i < resources->Size(); ++i) {
      const auto& res = (*resources)[i];
      const std::string rwhere = where + ".resources[" + std::to_string(i) + "]";
      if (!res.IsObject()) return rwhere + ": expected an object";
      resource_instance r;
      r.module = module_address;
      r.type = string_member(res, "type");
      r.name = string_member(res, "name");
      r.provider = string_member(res, "provider_name");
      r.deposed = string_member(res, "deposed_key");
      if (r.type.empty() || r.name.empty()) return rwhere + ": type and name are required";
      if (auto err = read_mode(string_member(res, "mode"), r.mode)) return rwhere + ": " + *err;
      if (auto err = read_index_key(member(res, "index"), r.key)) return rwhere + ".index: " + *err;
      if (const auto* sv = member(res, "schema_version"); sv && sv->IsInt64()) {
        r.schema_version = sv->GetInt64();
      }
      if (const auto* t = member(res, "tainted"); t && t->IsTrue()) r.status = "tainted";
      if (const auto* values = member(res, "values"); values && !values->IsNull()) {
        if (!values->IsObject()) return rwhere + ".values: expected an object";
        r.attributes = to_text(*values);
        fill_ids(r, *values);
      }
      if (const auto* sens = member(res, "sensitive_values")) {
        attr_path prefix;
        collect_sensitive_tree(*sens, prefix, r.sensitive_paths);
      }
      if (const auto* deps = member(res, "depends_on"); deps && deps->IsArray()) {
        for (const auto& d : deps->GetArray()) {
          if (d.IsString()) r.dependencies.emplace_back(d.GetString(), d.GetStringLength());
        }
      }
      // Format 0.1 (Terraform 0.12) left the instance key out of "address".
      r.address = string_member(res, "address");
      if (r.address.empty() ||
          (!std::holds_alternative<std::monostate>(r.key) && r.address.back() != ']')) {
        r.address = format_address(r.module, r.mode, r.type, r.name, r.key);
      }
      out.resources.push_back(std::move(r));
    }
  }
  if (const auto* children = member(mod, "child_modules"); children && !children->IsNull()) {
    if (!children->IsArray()) return where + ".child_modules: expected an array";
    for (rapidjson::SizeType i = 0; i < children->Size(); ++i) {
      if (auto err = read_module((*children)[i],
                                 where + ".child_modules[" + std::to_string(i) + "]", out)) {
        return err;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> read_json_state(const rapidjson::Value& root, state& out) {
  out.version = 0;
  out.format_version = string_member(root, "format_version");
  out.terraform_version = string_member(root, "terraform_version");
  const auto* values = member(root, "values");
  if (!values || values->IsNull()) return std::nullopt;  // an empty state has no values
  if (!values->IsObject()) return "values: expected an object";
  const auto* root_module = member(*values, "root_module");
  if (!root_module || root_module->IsNull()) return std::nullopt;
  return read_module(*root_module, "values.root_module", out);
}

}  // namespace detail

json_text resource_instance::redacted_attributes() const {
  return redact(redact(attributes, sensitive_paths), {},
                sensitive_strings(attributes, sensitive_paths));
}

const resource_instance* state::find(std::string_view address) const {
  for (const auto& r : resources) {
    if (r.address == address && r.deposed.empty()) return &r;
  }
  return nullptr;
}

core::result<state> parse_state(std::string_view bytes) {
  rapidjson::Document doc;
  if (auto err = detail::parse_json(bytes, doc)) return core::error{"NotJson", *err};
  if (!doc.IsObject()) return invalid("(root)", "expected an object");
  if (const auto* version = member(doc, "version")) {
    if (!version->IsInt64()) return invalid("version", "expected an integer");
    if (version->GetInt64() != 4) {
      return core::error{"UnsupportedVersion",
                         "state format version " + std::to_string(version->GetInt64()) +
                             " is not supported (only 4, written by Terraform 0.12 and later)"};
    }
    return read_v4(doc);
  }
  if (member(doc, "format_version")) {
    const std::string fv = string_member(doc, "format_version");
    if (fv.empty() || !(fv.rfind("0.", 0) == 0 || fv.rfind("1.", 0) == 0)) {
      return core::error{"UnsupportedVersion", "state JSON format_version \"" + fv +
                                                   "\" is not supported (0.x and 1.x are)"};
    }
    state st;
    if (auto err = detail::read_json_state(doc, st)) return invalid("state", *err);
    return st;
  }
  return invalid("(root)",
                 "neither a state file (\"version\") nor state JSON (\"format_version\")");
}

}  // namespace terraform
