// Terraform also shows a split S3 part's change on its bucket's computed copy of that
// configuration (aws_s3_bucket's echo blocks); the native engine reports it once, on the part
// (functions/drift-scanner/native/README.md). native.ground_truth maps such an echo to the part:
// taken off the bucket, and the part must show a change of its own; the native engine must
// have counted the echoes it hid under aws_s3_bucket.<block>:managed_by_part.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "registry.h"
#include "terraform/state.h"

namespace bucket_echoes {

// (address, change, attribute, expected, actual), as native.ground_truth's facts.
using fact = std::tuple<std::string, std::string, std::string, std::string, std::string>;

// The bucket's echo block of each part type.
inline const std::map<std::string, std::string>& echo_blocks() {
  static const std::map<std::string, std::string> blocks = {
      {"grant", "aws_s3_bucket_acl"},
      {"cors_rule", "aws_s3_bucket_cors_configuration"},
      {"website", "aws_s3_bucket_website_configuration"},
      {"object_lock_configuration", "aws_s3_bucket_object_lock_configuration"},
      {"replication_configuration", "aws_s3_bucket_replication_configuration"},
  };
  return blocks;
}

// The address of the split S3 resource of `part_type` that manages `bucket` in the state, or "".
inline std::string part_of_bucket(const terraform::state& st, const std::string& part_type,
                                  const std::string& bucket) {
  for (const auto& r : st.resources) {
    if (r.type != part_type || !r.deposed.empty()) continue;
    rapidjson::Document d;
    d.Parse(r.attributes.c_str(), r.attributes.size());
    if (d.IsObject() && d.HasMember("bucket") && d["bucket"].IsString() &&
        d["bucket"].GetString() == bucket)
      return r.address;
  }
  return "";
}

// Whether the native engine reads the bucket's `block` and hides its echo by a managed_by_part
// rule (replication_configuration: not read, so nothing to count).
inline bool counted_by_native(const std::string& block) {
  const auto* m = scanner::native::find_module("aws_s3_bucket");
  return m && m->rules && std::any_of(m->rules->begin(), m->rules->end(), [&](const auto& r) {
           return r.attribute == block && r.kind == scanner::native::rule_kind::managed_by_part;
         });
}

// Maps Terraform's bucket echoes to their parts; returns how many, per echo block.
inline std::map<std::string, int> map_to_parts(const terraform::state& st, std::set<fact>& facts) {
  std::map<std::string, int> mapped;
  for (auto it = facts.begin(); it != facts.end();) {
    const auto& [address, change, attribute, before, after] = *it;
    const auto echo = echo_blocks().find(attribute);
    const auto* bucket = st.find(address);
    const std::string part = change == "update" && echo != echo_blocks().end() && bucket &&
                                     bucket->type == "aws_s3_bucket"
                                 ? part_of_bucket(st, echo->second, bucket->id)
                                 : "";
    if (part.empty()) {
      ++it;
      continue;
    }
    EXPECT_TRUE(std::any_of(facts.begin(), facts.end(),
                            [&](const fact& x) { return std::get<0>(x) == part; }))
        << address << " " << attribute << " changed, yet its part " << part << " did not";
    ++mapped[attribute];
    it = facts.erase(it);
  }
  return mapped;
}

}  // namespace bucket_echoes
