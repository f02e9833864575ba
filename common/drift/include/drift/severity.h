// The one severity table shared by the scanner (Terraform attribute names) and the
// orchestrator (the DevOps Agent's CloudFormation property names). The built-in rules are
// data (src/builtin_rules.cpp, same JSON format as a rules file); README.md lists them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace drift {

enum class severity { info = 0, low, medium, high, critical };
std::string_view to_string(severity s);                    // "CRITICAL" ... "INFO"
std::optional<severity> parse_severity(std::string_view);  // case-insensitive

// What happened to a resource: changed, gone from the cloud, or in the cloud but in no state.
enum class change_kind { update, deleted, unmanaged };
std::string_view to_string(change_kind c);  // "update", "delete", "unmanaged"
std::optional<change_kind> parse_change_kind(std::string_view);

// "production", "prod", "prd", "live" (any case) and an empty environment count as
// production: when we cannot tell, we grade as if it mattered most.
bool is_production(std::string_view environment);

// One changed attribute. Values are compact JSON; nullopt when the source did not say
// (the Agent's events name properties only): conditions then count as met.
struct attribute_change {
  std::string name;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

struct grading_input {
  std::string resource_type;  // "aws_s3_bucket" or "AWS::S3::Bucket"
  change_kind change = change_kind::update;
  std::vector<attribute_change> changes;
  std::string environment;
  // The whole resource as it now is in the cloud (unmanaged resources), if known.
  std::optional<std::string> resource_after;
};

struct grade {
  severity level = severity::info;
  std::string reason;
  std::string rule_id;  // "default" when no rule matched
  // False when any changed attribute matches a rule with "auto_remediate": false (an expected
  // change such as an autoscaled count), whichever rule set the level: nothing may revert
  // such a drift unattended, because reverting would fight the autoscaler.
  bool auto_remediate = true;
};

// P0 (CRITICAL in production) .. P3 (LOW, INFO).
std::string_view priority(severity s, std::string_view environment);

class rule_table {
 public:
  // The built-in table (parsed once, immutable).
  static const rule_table& builtin();
  // A complete table in the rules-file format.
  static core::result<rule_table> parse(std::string_view json);
  // This table changed by a rules file: same id replaces, new id adds, "disable" removes,
  // "replace_builtin": true starts from an empty table.
  core::result<rule_table> with_overrides(std::string_view json) const;

  grade evaluate(const grading_input& in) const;
  std::vector<std::string> rule_ids() const;

  struct impl;

 private:
  explicit rule_table(std::shared_ptr<const impl> p) : impl_(std::move(p)) {}
  std::shared_ptr<const impl> impl_;
};

}  // namespace drift
