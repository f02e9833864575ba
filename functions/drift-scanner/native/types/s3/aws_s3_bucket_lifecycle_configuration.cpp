// aws_s3_bucket_lifecycle_configuration: the lifecycle rules (ordered list) and the default
// minimum object size of transitions (a response header of the same call); no lifecycle
// configuration means gone. Rule parts the answer lacks are empty blocks, as in state.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    // transition_default_minimum_object_size: moto answers its default whatever was set, so
    // a change of it is verified offline only (aws_s3_bucket_lifecycle_configuration_test).
    {"rule", "transition_default_minimum_object_size"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why}},
    false,
    {"transition_default_minimum_object_size"},
};

const std::vector<rule> rules = {};
using alloc_t = rapidjson::Document::AllocatorType;

rapidjson::Value one_block(rapidjson::Value block, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!block.IsNull()) list.PushBack(block, a);
  return list;
}

rapidjson::Value int_or_null(const pugi::xml_node& n, const char* name) {
  if (!n.child(name)) return rapidjson::Value();
  return rapidjson::Value(static_cast<int64_t>(xint(n, name)));
}

rapidjson::Value str_or_null(const pugi::xml_node& n, const char* name, alloc_t& a) {
  if (!n.child(name)) return rapidjson::Value();
  return string_value(xtext(n, name), a);
}

rapidjson::Value transitions(const pugi::xml_node& r, const char* name, bool noncurrent,
                             alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto t : r.children(name)) {
    rapidjson::Value o(rapidjson::kObjectType);
    if (noncurrent) {
      o.AddMember("newer_noncurrent_versions", int_or_null(t, "NewerNoncurrentVersions"), a);
      o.AddMember("noncurrent_days",
                  rapidjson::Value(static_cast<int64_t>(xint(t, "NoncurrentDays"))), a);
    } else {
      o.AddMember("date", str_or_null(t, "Date", a), a);
      o.AddMember("days", int_or_null(t, "Days"), a);
    }
    o.AddMember("storage_class", string_value(xtext(t, "StorageClass"), a), a);
    list.PushBack(o, a);
  }
  return list;
}

rapidjson::Value rule_value(const pugi::xml_node& r, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  rapidjson::Value abort;
  if (auto x = r.child("AbortIncompleteMultipartUpload")) {
    abort.SetObject();
    abort.AddMember("days_after_initiation",
                    rapidjson::Value(static_cast<int64_t>(xint(x, "DaysAfterInitiation"))), a);
  }
  o.AddMember("abort_incomplete_multipart_upload", one_block(std::move(abort), a), a);
  rapidjson::Value exp;
  if (auto x = r.child("Expiration")) {
    exp.SetObject();
    exp.AddMember("date", str_or_null(x, "Date", a), a);
    exp.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(x, "Days"))), a);
    exp.AddMember("expired_object_delete_marker", xbool(x, "ExpiredObjectDeleteMarker"), a);
  }
  o.AddMember("expiration", one_block(std::move(exp), a), a);
  rapidjson::Value filter;
  if (auto x = r.child("Filter")) {
    filter.SetObject();
    rapidjson::Value and_list(rapidjson::kArrayType);
    if (auto y = x.child("And")) {
      rapidjson::Value and_o(rapidjson::kObjectType);
      and_o.AddMember("object_size_greater_than", int_or_null(y, "ObjectSizeGreaterThan"), a);
      and_o.AddMember("object_size_less_than", int_or_null(y, "ObjectSizeLessThan"), a);
      and_o.AddMember("prefix", string_value(xtext(y, "Prefix"), a), a);
      rapidjson::Value tags(rapidjson::kObjectType);
      for (auto t : y.children("Tag"))
        tags.AddMember(string_value(xtext(t, "Key"), a), string_value(xtext(t, "Value"), a), a);
      and_o.AddMember("tags", tags, a);
      and_list.PushBack(and_o, a);
    }
    filter.AddMember("and", and_list, a);
    filter.AddMember("object_size_greater_than", int_or_null(x, "ObjectSizeGreaterThan"), a);
    filter.AddMember("object_size_less_than", int_or_null(x, "ObjectSizeLessThan"), a);
    filter.AddMember("prefix", string_value(xtext(x, "Prefix"), a), a);
    rapidjson::Value tag_list(rapidjson::kArrayType);
    if (auto t = x.child("Tag")) {
      rapidjson::Value tag(rapidjson::kObjectType);
      tag.AddMember("key", string_value(xtext(t, "Key"), a), a);
      tag.AddMember("value", string_value(xtext(t, "Value"), a), a);
      tag_list.PushBack(tag, a);
    }
    filter.AddMember("tag", tag_list, a);
  }
  o.AddMember("filter", one_block(std::move(filter), a), a);
  o.AddMember("id", string_value(xtext(r, "ID"), a), a);
  rapidjson::Value nve;
  if (auto x = r.child("NoncurrentVersionExpiration")) {
    nve.SetObject();
    nve.AddMember("newer_noncurrent_versions", int_or_null(x, "NewerNoncurrentVersions"), a);
    nve.AddMember("noncurrent_days",
                  rapidjson::Value(static_cast<int64_t>(xint(x, "NoncurrentDays"))), a);
  }
  o.AddMember("noncurrent_version_expiration", one_block(std::move(nve), a), a);
  o.AddMember("noncurrent_version_transition",
              transitions(r, "NoncurrentVersionTransition", true, a), a);
  o.AddMember("prefix", string_value(xtext(r, "Prefix"), a), a);
  o.AddMember("status", string_value(xtext(r, "Status"), a), a);
  o.AddMember("transition", transitions(r, "Transition", false, a), a);
  return o;
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  std::map<std::string, std::string> headers;
  auto lc = s3::config(ctx, bucket, "lifecycle", &headers);
  if (!lc) return lc.error();
  if (!*lc || !(*lc)->result.child("Rule")) return std::optional<doc_ptr>{};
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : (*lc)->result.children("Rule")) list.PushBack(rule_value(r, a), a);
  set_value(*d, "rule", list);
  // S3 answers the header with every configuration; without it there is nothing to compare,
  // so it is left out rather than guessed.
  auto size = headers.find("x-amz-transition-default-minimum-object-size");
  if (size != headers.end()) set_string(*d, "transition_default_minimum_object_size", size->second);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetLifecycleConfiguration"}, {}};

// CloudTrail records PutBucketLifecycleConfiguration as PutBucketLifecycle; both are declared.
const change_locator changes =
    s3::bucket_changes({"PutBucketLifecycle", "PutBucketLifecycleConfiguration",
                        "DeleteBucketLifecycle", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_lifecycle_configuration_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_lifecycle_configuration", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
