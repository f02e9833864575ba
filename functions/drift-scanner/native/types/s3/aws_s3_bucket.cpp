// aws_s3_bucket: existence, tags, and the bucket-level attributes the provider still
// refreshes from the configuration sub-resources (policy, versioning, encryption, logging).
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json, "policy documents equal as IAM reads them"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from S3"},
};

void add_block(rapidjson::Document& d, const char* name, rapidjson::Value block) {
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  if (!block.IsNull()) list.PushBack(block, a);
  set_value(d, name, list);
}

// The legacy lifecycle_rule attribute (provider's flattenBucketLifecycleRules).
rapidjson::Value lifecycle_rules(const pugi::xml_node& cfg, rapidjson::Document::AllocatorType& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : cfg.children("Rule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("abort_incomplete_multipart_upload_days",
                rapidjson::Value(static_cast<int64_t>(
                    xint(r, "AbortIncompleteMultipartUpload/DaysAfterInitiation"))),
                a);
    o.AddMember("enabled", xtext(r, "Status") == "Enabled", a);
    rapidjson::Value exp(rapidjson::kArrayType);
    if (auto x = r.child("Expiration")) {
      rapidjson::Value e(rapidjson::kObjectType);
      e.AddMember("date", string_value(xtext(x, "Date").substr(0, 10), a), a);
      e.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(x, "Days"))), a);
      e.AddMember("expired_object_delete_marker", xbool(x, "ExpiredObjectDeleteMarker"), a);
      exp.PushBack(e, a);
    }
    o.AddMember("expiration", exp, a);
    o.AddMember("id", string_value(xtext(r, "ID"), a), a);
    rapidjson::Value nve(rapidjson::kArrayType);
    if (auto x = r.child("NoncurrentVersionExpiration")) {
      rapidjson::Value e(rapidjson::kObjectType);
      e.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(x, "NoncurrentDays"))), a);
      nve.PushBack(e, a);
    }
    o.AddMember("noncurrent_version_expiration", nve, a);
    rapidjson::Value nvt(rapidjson::kArrayType);
    for (auto x : r.children("NoncurrentVersionTransition")) {
      rapidjson::Value e(rapidjson::kObjectType);
      e.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(x, "NoncurrentDays"))), a);
      e.AddMember("storage_class", string_value(xtext(x, "StorageClass"), a), a);
      nvt.PushBack(e, a);
    }
    o.AddMember("noncurrent_version_transition", nvt, a);
    std::string prefix = xtext(r, "Filter/Prefix");
    if (prefix.empty()) prefix = xtext(r, "Filter/And/Prefix");
    if (prefix.empty()) prefix = xtext(r, "Prefix");
    o.AddMember("prefix", string_value(prefix, a), a);
    rapidjson::Value tags(rapidjson::kObjectType);
    if (auto t = r.first_element_by_path("Filter/Tag"))
      tags.AddMember(string_value(xtext(t, "Key"), a), string_value(xtext(t, "Value"), a), a);
    for (auto t : r.first_element_by_path("Filter/And").children("Tag"))
      tags.AddMember(string_value(xtext(t, "Key"), a), string_value(xtext(t, "Value"), a), a);
    o.AddMember("tags", tags, a);
    rapidjson::Value tr(rapidjson::kArrayType);
    for (auto x : r.children("Transition")) {
      rapidjson::Value e(rapidjson::kObjectType);
      e.AddMember("date", string_value(xtext(x, "Date").substr(0, 10), a), a);
      e.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(x, "Days"))), a);
      e.AddMember("storage_class", string_value(xtext(x, "StorageClass"), a), a);
      tr.PushBack(e, a);
    }
    o.AddMember("transition", tr, a);
    list.PushBack(o, a);
  }
  return list;
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance& inst,
                                                      const std::string& bucket) {
  ctx.count();
  auto tags = aws::s3::get_bucket_tags(ctx.cloud, bucket);
  if (!tags) return tags.error();
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_tags(*d, inst, *tags);

  auto pol = s3::policy(ctx, bucket);
  if (!pol) return pol.error();
  set_string(*d, "policy", *pol ? **pol : "");

  auto ver = s3::config(ctx, bucket, "versioning");
  if (!ver) return ver.error();
  {
    rapidjson::Value v(rapidjson::kObjectType);
    const std::string status = *ver ? xtext((*ver)->result, "Status") : "";
    const std::string mfa = *ver ? xtext((*ver)->result, "MfaDelete") : "";
    v.AddMember("enabled", status == "Enabled", a);
    v.AddMember("mfa_delete", mfa == "Enabled", a);
    add_block(*d, "versioning", std::move(v));
  }

  auto enc = s3::config(ctx, bucket, "encryption");
  if (!enc) return enc.error();
  {
    rapidjson::Value rules_v(rapidjson::kArrayType);
    if (*enc) {
      for (auto r : (*enc)->result.children("Rule")) {
        rapidjson::Value by_default(rapidjson::kObjectType);
        auto def = r.child("ApplyServerSideEncryptionByDefault");
        by_default.AddMember("kms_master_key_id", string_value(xtext(def, "KMSMasterKeyID"), a), a);
        by_default.AddMember("sse_algorithm", string_value(xtext(def, "SSEAlgorithm"), a), a);
        rapidjson::Value defs(rapidjson::kArrayType);
        defs.PushBack(by_default, a);
        rapidjson::Value rule_v(rapidjson::kObjectType);
        rule_v.AddMember("apply_server_side_encryption_by_default", defs, a);
        rule_v.AddMember("bucket_key_enabled", xbool(r, "BucketKeyEnabled"), a);
        rules_v.PushBack(rule_v, a);
      }
    }
    rapidjson::Value block;
    if (!rules_v.Empty()) {
      block.SetObject();
      block.AddMember("rule", rules_v, a);
    }
    add_block(*d, "server_side_encryption_configuration", std::move(block));
  }

  auto log = s3::config(ctx, bucket, "logging");
  if (!log) return log.error();
  {
    rapidjson::Value block;
    auto le = *log ? (*log)->result.child("LoggingEnabled") : pugi::xml_node();
    if (le) {
      block.SetObject();
      block.AddMember("target_bucket", string_value(xtext(le, "TargetBucket"), a), a);
      block.AddMember("target_prefix", string_value(xtext(le, "TargetPrefix"), a), a);
    }
    add_block(*d, "logging", std::move(block));
  }

  auto lc = s3::config(ctx, bucket, "lifecycle");
  if (!lc) return lc.error();
  {
    rapidjson::Value list =
        *lc ? lifecycle_rules((*lc)->result, a) : rapidjson::Value(rapidjson::kArrayType);
    set_value(*d, "lifecycle_rule", list);
  }
  return std::optional<doc_ptr>(d);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto buckets = aws::s3::list_buckets(ctx.cloud);
  if (!buckets) return buckets.error();
  std::vector<discovered> out;
  for (const auto& b : *buckets) {
    // A bucket a state of this account and region manages is in it: no lookup needed.
    if (ctx.managed_ids && ctx.managed_ids->count(b.name)) {
      out.push_back({b.name, b.name, {}});
      continue;
    }
    // ListBuckets is global: keep the buckets of this region.
    ctx.count();
    auto where = aws::s3::get_bucket_location(ctx.cloud, b.name);
    if (!where) {
      if (s3::bucket_gone(where.error())) continue;
      return where.error();
    }
    if (*where != ctx.region) continue;
    out.push_back({b.name, b.name, {}});
  }
  return out;
}

}  // namespace

const type_module& aws_s3_bucket_module() {
  static const type_module m = [] {
    type_module bucket = s3::bucket_part_module("aws_s3_bucket", read, &rules);
    bucket.list = list;
    return bucket;
  }();
  return m;
}

}  // namespace scanner::native
