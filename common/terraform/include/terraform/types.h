// Vocabulary shared by the state and plan readers: addresses, attribute paths, JSON values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace terraform {

// Attribute values travel as compact JSON text ("\"t3.micro\"", "[...]", "null"), so that
// callers need no JSON library in their interfaces and values compare as strings.
using json_text = std::string;

enum class resource_mode { managed, data };

// The instance key of a counted (`[0]`) or for_each (`["x"]`) resource; monostate for neither.
using index_key = std::variant<std::monostate, std::int64_t, std::string>;

// One step of a path into an attribute value: an object attribute, a map key or a list index.
struct path_step {
  enum class kind { attribute, key, index };
  kind step = kind::attribute;
  std::string name;        // attribute or map key
  std::int64_t index = 0;  // list index
};
using attr_path = std::vector<path_step>;

// `tags["Owner"]`, `ingress[0].cidr_blocks`: how a path reads in messages.
std::string to_string(const attr_path& path);

// Builds `module.a.aws_s3_bucket.b["x"]` (module may be empty; data sources get `data.`).
std::string format_address(const std::string& module, resource_mode mode, const std::string& type,
                           const std::string& name, const index_key& key);

// Quotes a string the way Terraform prints for_each keys: "x" with \" and \\ escaped.
std::string quote_key(const std::string& key);

}  // namespace terraform
