#include "drift/remediation.h"

#include <cctype>

#include "json.h"

namespace drift {

namespace {

bool hcl_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string hcl_string(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool opens_template = i + 1 < s.size() && s[i + 1] == '{';
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if ((c == '$' || c == '%') && opens_template) {
      out += std::string(2, c);  // $${ and %%{ are literal, not interpolation
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void hcl(const rapidjson::Value& v, std::string& out) {
  if (v.IsNull()) {
    out += "null";
  } else if (v.IsBool()) {
    out += v.GetBool() ? "true" : "false";
  } else if (v.IsNumber()) {
    out += detail::to_text(v);
  } else if (v.IsString()) {
    out += hcl_string(std::string_view(v.GetString(), v.GetStringLength()));
  } else if (v.IsArray()) {
    out += "[";
    bool first = true;
    for (const auto& e : v.GetArray()) {
      if (!first) out += ", ";
      first = false;
      hcl(e, out);
    }
    out += "]";
  } else {
    out += "{";
    bool first = true;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      out += first ? " " : ", ";
      first = false;
      const std::string_view key(it->name.GetString(), it->name.GetStringLength());
      out += hcl_identifier(key) ? std::string(key) : hcl_string(key);
      out += " = ";
      hcl(it->value, out);
    }
    out += first ? "}" : " }";
  }
}

std::string terraform_prefix(const remediation_context& ctx) {
  if (ctx.workspace.empty() || ctx.workspace == "default") return "terraform";
  return "TF_WORKSPACE=" + shell_quote(ctx.workspace) + " terraform";
}

// aws_s3_bucket.my_bucket from an id such as "my-bucket.example".
std::string suggested_address(const drift_item& d) {
  std::string name;
  for (char c : d.id.empty() ? std::string("imported") : d.id) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  }
  if (std::isdigit(static_cast<unsigned char>(name[0]))) name = "r_" + name;
  return d.type + "." + name;
}

}  // namespace

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string hcl_literal(const std::string& json) {
  rapidjson::Document doc;
  if (detail::parse_json(json, doc)) return hcl_string(json);
  std::string out;
  hcl(doc, out);
  return out;
}

remediation suggest_remediation(const drift_item& d, const remediation_context& ctx) {
  const std::string tf = terraform_prefix(ctx);
  remediation r;
  switch (d.change) {
    case change_kind::unmanaged: {
      const std::string address = d.address.empty() ? suggested_address(d) : d.address;
      r.action = "import";
      r.command =
          tf + " import " + shell_quote(address) + " " + shell_quote(d.id.empty() ? d.arn : d.id);
      r.description = "add a `resource \"" + d.type + "\"` block for " + address +
                      " to the configuration, then import the existing object (or delete it if "
                      "nobody owns it)";
      return r;
    }
    case change_kind::deleted:
      r.action = "revert";
      r.command = tf + " apply -target=" + shell_quote(d.address);
      r.description = d.address +
                      " was deleted outside Terraform; applying recreates it (if the deletion "
                      "was intended, remove it from the configuration and run `terraform state "
                      "rm`)";
      return r;
    case change_kind::update:
      break;
  }
  if (d.level == severity::info && !d.auto_remediate) {
    // An expected change (an autoscaled count): scaling will move it again, so reverting it
    // fights the autoscaler. The lasting fix is to stop managing the number in Terraform.
    r.action = "accept";
    std::string names;
    for (const auto& a : d.attributes) names += (names.empty() ? "" : ", ") + a.name;
    r.command = "# in the configuration of " + d.address +
                ":\n  lifecycle {\n    ignore_changes = [" + names + "]\n  }\n";
    r.description = names +
                    " is moved by scaling, as expected: never reverted automatically; ignore it "
                    "in the configuration (or hide it with .driftignore: hidden changes are "
                    "still counted in the report's `suppressed`)";
    return r;
  }
  if (d.level == severity::info) {
    r.action = "investigate";
    r.command = tf + " plan -refresh-only -target=" + shell_quote(d.address);
    r.description = "no rule grades this change; review it, then revert or accept it";
    return r;
  }
  if (d.level == severity::low) {
    r.action = "accept";
    std::string change;
    bool sensitive = false;
    for (const auto& a : d.attributes) {
      if (a.sensitive) {
        sensitive = true;
        continue;
      }
      change += "  " + a.name + " = " + hcl_literal(a.actual) + "\n";
    }
    r.command = "# in the configuration of " + d.address + ":\n" + change;
    r.description = "make the configuration match the cloud, then `" + tf +
                    " plan` shows no change" +
                    (sensitive ? " (sensitive attributes: copy their values by hand)" : "");
    return r;
  }
  r.action = "revert";
  r.command = tf + " apply -target=" + shell_quote(d.address);
  r.description = "re-apply the configuration to undo the change made outside Terraform";
  return r;
}

}  // namespace drift
