// aws_s3_bucket: existence, tags, and the bucket-level attributes the provider still
// refreshes from the configuration sub-resources (policy, versioning, encryption, logging,
// lifecycle, ACL grants, acceleration, request payment, CORS, object lock, website, replication).
// Where the state manages the ACL, CORS, website, object lock or replication through its split
// resource, the bucket's computed copy (grant, cors_rule, website, object_lock_configuration,
// replication_configuration) only
// echoes that part: a difference on it is hidden and counted (managed_by_part), so a change
// is reported once, on the part.
#include <algorithm>
#include <optional>
#include <set>

#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json, "policy documents equal as IAM reads them"},
    {"grant", rule_kind::set_order, "a Terraform set of grants"},
    {"grant", rule_kind::managed_by_part, "echoes the managed aws_s3_bucket_acl",
     "aws_s3_bucket_acl", "bucket"},
    {"cors_rule", rule_kind::managed_by_part, "echoes the managed CORS configuration",
     "aws_s3_bucket_cors_configuration", "bucket"},
    {"website", rule_kind::managed_by_part, "echoes the managed website configuration",
     "aws_s3_bucket_website_configuration", "bucket"},
    {"object_lock_configuration", rule_kind::managed_by_part,
     "echoes the managed object lock configuration", "aws_s3_bucket_object_lock_configuration",
     "bucket"},
    {"replication_configuration", rule_kind::managed_by_part,
     "echoes the managed replication configuration", "aws_s3_bucket_replication_configuration",
     "bucket"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from S3"},
};

const depth_claim depth{
    {"acceleration_status", "cors_rule", "grant", "lifecycle_rule", "logging",
     "object_lock_configuration", "object_lock_enabled", "policy", "replication_configuration",
     "request_payer", "server_side_encryption_configuration", "tags", "tags_all", "versioning",
     "website"},
    {{"bucket", skip_kind::create_only,
      "the bucket's name is its id: a change forces a new bucket"},
     {"bucket_prefix", skip_kind::create_only,
      "derived into the name at creation; a change forces a new bucket"},
     {"force_destroy", skip_kind::provider_only,
      "a deletion option of the provider, never read from S3"},
     {"acl", skip_kind::provider_only,
      "a canned ACL the provider applies and never reads back; S3 answers the grants it "
      "produced"}},
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

using alloc_t = rapidjson::Document::AllocatorType;

rapidjson::Value texts(const pugi::xml_node& n, const char* name, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto x : n.children(name)) list.PushBack(string_value(x.child_value(), a), a);
  return list;
}

// The provider's grant set: one element per grantee (type, id, uri) with its permissions.
rapidjson::Value grants(const pugi::xml_node& acl, alloc_t& a) {
  struct grantee {
    std::string type, id, uri;
    std::set<std::string> permissions;
  };
  std::vector<grantee> out;
  for (auto g : acl.child("AccessControlList").children("Grant")) {
    auto who = g.child("Grantee");
    grantee x{who.attribute("xsi:type").value(), xtext(who, "ID"), xtext(who, "URI"), {}};
    auto it = std::find_if(out.begin(), out.end(), [&](const grantee& y) {
      return y.type == x.type && y.id == x.id && y.uri == x.uri;
    });
    if (it == out.end()) it = out.insert(out.end(), std::move(x));
    it->permissions.insert(xtext(g, "Permission"));
  }
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& g : out) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("id", string_value(g.id, a), a);
    rapidjson::Value perms(rapidjson::kArrayType);
    for (const auto& p : g.permissions) perms.PushBack(string_value(p, a), a);
    o.AddMember("permissions", perms, a);
    o.AddMember("type", string_value(g.type, a), a);
    o.AddMember("uri", string_value(g.uri, a), a);
    list.PushBack(o, a);
  }
  return list;
}

rapidjson::Value cors_rules(const pugi::xml_node& cfg, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : cfg.children("CORSRule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("allowed_headers", texts(r, "AllowedHeader", a), a);
    o.AddMember("allowed_methods", texts(r, "AllowedMethod", a), a);
    o.AddMember("allowed_origins", texts(r, "AllowedOrigin", a), a);
    o.AddMember("expose_headers", texts(r, "ExposeHeader", a), a);
    o.AddMember("max_age_seconds", rapidjson::Value(static_cast<int64_t>(xint(r, "MaxAgeSeconds"))),
                a);
    list.PushBack(o, a);
  }
  return list;
}

// Object lock: the provider's (deprecated) block and the bucket-level flag.
void set_object_lock(rapidjson::Document& d, const pugi::xml_node& cfg) {
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  const std::string enabled = xtext(cfg, "ObjectLockEnabled");
  if (cfg) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("object_lock_enabled", string_value(enabled, a), a);
    rapidjson::Value rules_v(rapidjson::kArrayType);
    if (auto r = cfg.first_element_by_path("Rule/DefaultRetention")) {
      rapidjson::Value ret(rapidjson::kObjectType);
      ret.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(r, "Days"))), a);
      ret.AddMember("mode", string_value(xtext(r, "Mode"), a), a);
      ret.AddMember("years", rapidjson::Value(static_cast<int64_t>(xint(r, "Years"))), a);
      rapidjson::Value rets(rapidjson::kArrayType);
      rets.PushBack(ret, a);
      rapidjson::Value rule_v(rapidjson::kObjectType);
      rule_v.AddMember("default_retention", rets, a);
      rules_v.PushBack(rule_v, a);
    }
    o.AddMember("rule", rules_v, a);
    list.PushBack(o, a);
  }
  set_value(d, "object_lock_configuration", list);
  set_bool(d, "object_lock_enabled", enabled == "Enabled");
}

// The provider's redirect_all_requests_to: the host alone, or a URL when S3 holds a protocol
// (Go's URL of a scheme and a host name without "//" reads "https:example.com").
std::string redirect_target(const pugi::xml_node& r) {
  const std::string host = xtext(r, "HostName");
  const std::string protocol = xtext(r, "Protocol");
  if (protocol.empty()) return host;
  const auto sep = host.find("://");
  if (sep != std::string::npos) return protocol + "://" + host.substr(sep + 3);
  return protocol + ":" + host;
}

// The website block; nullopt when it has routing rules, whose JSON the provider rewrites in a
// shape of its own: the attribute is then left out, never reported on a guess.
std::optional<rapidjson::Value> website(const pugi::xml_node& cfg, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!cfg) return list;
  if (cfg.child("RoutingRules")) return std::nullopt;
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("error_document", string_value(xtext(cfg, "ErrorDocument/Key"), a), a);
  o.AddMember("index_document", string_value(xtext(cfg, "IndexDocument/Suffix"), a), a);
  const auto r = cfg.child("RedirectAllRequestsTo");
  o.AddMember("redirect_all_requests_to", string_value(r ? redirect_target(r) : "", a), a);
  o.AddMember("routing_rules", string_value("", a), a);
  list.PushBack(o, a);
  return list;
}

// The legacy replication block's status-and-minutes blocks (metrics, replication_time).
rapidjson::Value status_minutes(const pugi::xml_node& n, const char* minutes, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!n) return list;
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("minutes", rapidjson::Value(static_cast<int64_t>(xint(n, minutes))), a);
  o.AddMember("status", string_value(xtext(n, "Status"), a), a);
  list.PushBack(o, a);
  return list;
}

rapidjson::Value replication_destination(const pugi::xml_node& x, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!x) return list;
  rapidjson::Value o(rapidjson::kObjectType);
  rapidjson::Value translation(rapidjson::kArrayType);
  if (auto t = x.child("AccessControlTranslation")) {
    rapidjson::Value v(rapidjson::kObjectType);
    v.AddMember("owner", string_value(xtext(t, "Owner"), a), a);
    translation.PushBack(v, a);
  }
  o.AddMember("access_control_translation", translation, a);
  o.AddMember("account_id", string_value(xtext(x, "Account"), a), a);
  o.AddMember("bucket", string_value(xtext(x, "Bucket"), a), a);
  o.AddMember("metrics", status_minutes(x.child("Metrics"), "EventThreshold/Minutes", a), a);
  o.AddMember("replica_kms_key_id",
              string_value(xtext(x, "EncryptionConfiguration/ReplicaKmsKeyID"), a), a);
  o.AddMember("replication_time", status_minutes(x.child("ReplicationTime"), "Time/Minutes", a), a);
  o.AddMember("storage_class", string_value(xtext(x, "StorageClass"), a), a);
  list.PushBack(o, a);
  return list;
}

// The filter as one prefix and one tag map (a single Tag, or And's prefix and tags).
rapidjson::Value replication_filter(const pugi::xml_node& f, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!f) return list;
  const auto both = f.child("And");
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("prefix", string_value(xtext(both ? both : f, "Prefix"), a), a);
  rapidjson::Value tags(rapidjson::kObjectType);
  for (auto t : (both ? both : f).children("Tag"))
    tags.AddMember(string_value(xtext(t, "Key"), a), string_value(xtext(t, "Value"), a), a);
  o.AddMember("tags", tags, a);
  list.PushBack(o, a);
  return list;
}

rapidjson::Value replication_source_selection(const pugi::xml_node& s, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!s) return list;
  rapidjson::Value o(rapidjson::kObjectType);
  rapidjson::Value kms(rapidjson::kArrayType);
  if (auto k = s.child("SseKmsEncryptedObjects")) {
    rapidjson::Value v(rapidjson::kObjectType);
    v.AddMember("enabled", xtext(k, "Status") == "Enabled", a);
    kms.PushBack(v, a);
  }
  o.AddMember("sse_kms_encrypted_objects", kms, a);
  list.PushBack(o, a);
  return list;
}

// The bucket's legacy replication_configuration (the provider's
// flattenBucketReplicationConfiguration): optional strings "", absent blocks [], a delete
// marker status only when Enabled, and the rules in Terraform's set order.
rapidjson::Value replication(const pugi::xml_node& cfg, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!cfg) return list;
  rapidjson::Value rules_v(rapidjson::kArrayType);
  for (auto r : cfg.children("Rule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    const std::string marker = xtext(r, "DeleteMarkerReplication/Status");
    o.AddMember("delete_marker_replication_status",
                string_value(marker == "Enabled" ? marker : "", a), a);
    o.AddMember("destination", replication_destination(r.child("Destination"), a), a);
    o.AddMember("filter", replication_filter(r.child("Filter"), a), a);
    o.AddMember("id", string_value(xtext(r, "ID"), a), a);
    o.AddMember("prefix", string_value(xtext(r, "Prefix"), a), a);
    o.AddMember("priority", rapidjson::Value(static_cast<int64_t>(xint(r, "Priority"))), a);
    o.AddMember("source_selection_criteria",
                replication_source_selection(r.child("SourceSelectionCriteria"), a), a);
    o.AddMember("status", string_value(xtext(r, "Status"), a), a);
    rules_v.PushBack(o, a);
  }
  to_set_order(rules_v, a);
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("role", string_value(xtext(cfg, "Role"), a), a);
  o.AddMember("rules", rules_v, a);
  list.PushBack(o, a);
  return list;
}

// Grants, acceleration, request payment, CORS, object lock, website and replication: one call
// each, also
// where a managed part owns the configuration (the rules hide and count its echo).
core::result<core::unit, aws::error> read_more(const read_context& ctx, rapidjson::Document& d,
                                               const std::string& bucket) {
  auto& a = d.GetAllocator();
  auto acl = s3::config(ctx, bucket, "acl");
  if (!acl) return acl.error();
  {
    auto g = *acl ? grants((*acl)->result, a) : rapidjson::Value(rapidjson::kArrayType);
    set_value(d, "grant", g);
  }
  auto acc = s3::config(ctx, bucket, "accelerate");
  if (!acc) return acc.error();
  set_string(d, "acceleration_status", *acc ? xtext((*acc)->result, "Status") : "");
  auto pay = s3::config(ctx, bucket, "requestPayment");
  if (!pay) return pay.error();
  set_string(d, "request_payer", *pay ? xtext((*pay)->result, "Payer") : "");
  auto cors = s3::config_or(ctx, bucket, "cors", "NoSuchCORSConfiguration");
  if (!cors) return cors.error();
  {
    auto c = *cors ? cors_rules((*cors)->result, a) : rapidjson::Value(rapidjson::kArrayType);
    set_value(d, "cors_rule", c);
  }
  auto lock = s3::config_or(ctx, bucket, "object-lock", "ObjectLockConfigurationNotFoundError");
  if (!lock) return lock.error();
  set_object_lock(d, *lock ? (*lock)->result : pugi::xml_node());
  auto site = s3::config_or(ctx, bucket, "website", "NoSuchWebsiteConfiguration");
  if (!site) return site.error();
  if (auto w = website(*site ? (*site)->result : pugi::xml_node(), a)) set_value(d, "website", *w);
  auto rep = s3::config_or(ctx, bucket, "replication", "ReplicationConfigurationNotFoundError");
  if (!rep) return rep.error();
  {
    auto r = replication(*rep ? (*rep)->result : pugi::xml_node(), a);
    set_value(d, "replication_configuration", r);
  }
  return core::unit{};
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
  auto more = read_more(ctx, *d, bucket);
  if (!more) return more.error();
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

const iam_actions permissions{
    {"s3:GetBucketTagging", "s3:GetBucketPolicy", "s3:GetBucketVersioning",
     "s3:GetEncryptionConfiguration", "s3:GetBucketLogging", "s3:GetLifecycleConfiguration",
     "s3:GetBucketAcl", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment",
     "s3:GetBucketCORS", "s3:GetBucketObjectLockConfiguration", "s3:GetBucketWebsite",
     "s3:GetReplicationConfiguration"},
    {"s3:ListAllMyBuckets", "s3:GetBucketLocation"}};

// The calls that change what the bucket compares (its tags and the bucket-level copies of its
// configurations). Not the public access block: the bucket does not compare it, its own type
// does.
const change_locator changes = s3::bucket_changes({"PutBucketTagging",
                                                   "DeleteBucketTagging",
                                                   "PutBucketPolicy",
                                                   "DeleteBucketPolicy",
                                                   "PutBucketVersioning",
                                                   "PutBucketEncryption",
                                                   "DeleteBucketEncryption",
                                                   "PutBucketLogging",
                                                   "PutBucketLifecycle",
                                                   "PutBucketLifecycleConfiguration",
                                                   "DeleteBucketLifecycle",
                                                   "PutBucketAcl",
                                                   "PutBucketAccelerateConfiguration",
                                                   "PutAccelerateConfiguration",
                                                   "PutBucketRequestPayment",
                                                   "PutBucketCors",
                                                   "DeleteBucketCors",
                                                   "PutObjectLockConfiguration",
                                                   "PutBucketObjectLockConfiguration",
                                                   "PutBucketWebsite",
                                                   "DeleteBucketWebsite",
                                                   "PutBucketReplication",
                                                   "DeleteBucketReplication",
                                                   "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_module() {
  static const type_module m = [] {
    type_module bucket =
        s3::bucket_part_module("aws_s3_bucket", read, &rules, &depth, &permissions, &changes);
    bucket.list = list;
    // Every bucket-level configuration is its own call per bucket.
    bucket.calls_per_instance = 13;
    return bucket;
  }();
  return m;
}

}  // namespace scanner::native
