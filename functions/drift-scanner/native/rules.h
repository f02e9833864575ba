// Normalisation rules: the differences between state and cloud that are not drift. Each
// type module declares its table; the comparison core (compare.h) applies them and counts,
// per rule, the differences each one hid (findings.suppressed), so a rule that swallows
// real drift shows in every report.
#pragma once

#include <string>
#include <vector>

namespace scanner::native {

enum class rule_kind {
  // Never compared: computed-only or AWS-assigned (public_ip after a stop/start), or
  // defaulted by AWS where the configuration left it unset.
  ignore,
  // An IAM policy document held as a JSON string: key order, statement order, a scalar vs a
  // one-element list, and whitespace are not changes (the provider's policy equivalence).
  policy_json,
  // null, {}, [] and "" are the same value (tag maps null vs {}, an empty list vs unset).
  null_is_empty,
  // The attribute is a Terraform set: element order is not a change. The reported actual
  // value is put in Terraform's own set order.
  set_order,
  // Letter case AWS changes on its own (engine names, enum values).
  case_insensitive,
  // Tag keys under aws: belong to AWS (CloudFormation, Auto Scaling) and are never managed.
  aws_tags,
  // Compared as is, but every value under the attribute is redacted on both sides of a
  // finding (keys stay readable): values that are often secrets although the provider does
  // not mark them sensitive (Lambda environment variables). Hides no difference.
  sensitive_values,
  // A computed copy of a configuration that a split resource of the same state manages (an
  // S3 bucket's grant beside its aws_s3_bucket_acl): Terraform shows the part's change on
  // both, the report shows it once, on the part. Hidden only when the state compare() is given
  // holds that part for this instance; without the part the copy is compared as usual.
  managed_by_part,
};

struct rule {
  std::string attribute;  // top-level attribute name
  rule_kind kind;
  std::string why;  // one line, for README and reviewers
  // managed_by_part only: the split resource's type and its attribute naming this instance's
  // id (aws_s3_bucket_acl, bucket).
  std::string part_type = {};
  std::string part_key = {};
};

// "<type>.<attribute>:<kind>", the key of findings.suppressed.
std::string rule_key(const std::string& type, const rule& r);
const char* kind_name(rule_kind k);

}  // namespace scanner::native
