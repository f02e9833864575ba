// aws_s3_bucket_logging: target bucket, prefix, grants and key format; logging off means
// gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"target_bucket", "target_grant", "target_object_key_format", "target_prefix"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why}},
};

using alloc_t = rapidjson::Document::AllocatorType;

void add_string(rapidjson::Value& o, const char* name, const std::string& v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), string_value(v, a), a);
}

// The provider's target_grant set: who (by type) and the permission granted.
rapidjson::Value grants(const pugi::xml_node& le, alloc_t& a) {
  return s3::grant_list(le.child("TargetGrants"), a);
}

// The key format block: empty when S3 uses its default (no element).
rapidjson::Value key_format(const pugi::xml_node& le, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  auto f = le.child("TargetObjectKeyFormat");
  if (!f) return list;
  rapidjson::Value o(rapidjson::kObjectType);
  rapidjson::Value partitioned(rapidjson::kArrayType);
  if (auto p = f.child("PartitionedPrefix")) {
    rapidjson::Value x(rapidjson::kObjectType);
    add_string(x, "partition_date_source", xtext(p, "PartitionDateSource"), a);
    partitioned.PushBack(x, a);
  }
  rapidjson::Value simple(rapidjson::kArrayType);
  if (f.child("SimplePrefix")) simple.PushBack(rapidjson::Value(rapidjson::kObjectType), a);
  o.AddMember("partitioned_prefix", partitioned, a);
  o.AddMember("simple_prefix", simple, a);
  list.PushBack(o, a);
  return list;
}

const std::vector<rule> rules = {
    {"target_grant", rule_kind::set_order, "a Terraform set of grants"},
};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto log = s3::config(ctx, bucket, "logging");
  if (!log) return log.error();
  auto le = *log ? (*log)->result.child("LoggingEnabled") : pugi::xml_node();
  if (!le) return std::optional<doc_ptr>{};
  auto d = new_object();
  set_string(*d, "target_bucket", xtext(le, "TargetBucket"));
  set_string(*d, "target_prefix", xtext(le, "TargetPrefix"));
  auto g = grants(le, d->GetAllocator());
  set_value(*d, "target_grant", g);
  auto f = key_format(le, d->GetAllocator());
  set_value(*d, "target_object_key_format", f);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketLogging"}, {}};

const change_locator changes = s3::bucket_changes({"PutBucketLogging", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_logging_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_logging", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
