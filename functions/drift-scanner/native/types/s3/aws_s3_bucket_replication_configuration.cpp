// aws_s3_bucket_replication_configuration: the replication role and rules (filter,
// destination, delete markers, existing objects, source selection); no replication
// configuration means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"role", "rule"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"token", skip_kind::provider_only,
      "a token S3 asks for when replication is turned on for an Object Lock bucket; sent by "
      "the provider, never returned"}},
};

const std::vector<rule> rules = {};

using alloc_t = rapidjson::Document::AllocatorType;

// Members are added in name order: Terraform prints nested objects with sorted keys.
void add_string(rapidjson::Value& o, const char* name, const std::string& v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), string_value(v, a), a);
}
void add_int(rapidjson::Value& o, const char* name, long long v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), rapidjson::Value(static_cast<int64_t>(v)), a);
}

// A list of at most one element: `o` when `present`, else empty.
rapidjson::Value maybe(bool present, rapidjson::Value o, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (present) list.PushBack(o, a);
  return list;
}

// A block holding only a status, when `n` is there.
rapidjson::Value status_block(const pugi::xml_node& n, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  if (n) add_string(o, "status", xtext(n, "Status"), a);
  return maybe(static_cast<bool>(n), std::move(o), a);
}

// A block holding only minutes (`element`/Minutes), when `n` is there.
rapidjson::Value minutes_block(const pugi::xml_node& n, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  if (n) add_int(o, "minutes", xint(n, "Minutes"), a);
  return maybe(static_cast<bool>(n), std::move(o), a);
}

rapidjson::Value destination(const pugi::xml_node& x, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  if (!x) return maybe(false, std::move(o), a);
  {
    auto t = x.child("AccessControlTranslation");
    rapidjson::Value v(rapidjson::kObjectType);
    if (t) add_string(v, "owner", xtext(t, "Owner"), a);
    o.AddMember("access_control_translation", maybe(static_cast<bool>(t), std::move(v), a), a);
  }
  add_string(o, "account", xtext(x, "Account"), a);
  add_string(o, "bucket", xtext(x, "Bucket"), a);
  {
    auto e = x.child("EncryptionConfiguration");
    rapidjson::Value v(rapidjson::kObjectType);
    if (e) add_string(v, "replica_kms_key_id", xtext(e, "ReplicaKmsKeyID"), a);
    o.AddMember("encryption_configuration", maybe(static_cast<bool>(e), std::move(v), a), a);
  }
  {
    auto m = x.child("Metrics");
    rapidjson::Value v(rapidjson::kObjectType);
    if (m) {
      v.AddMember("event_threshold", minutes_block(m.child("EventThreshold"), a), a);
      add_string(v, "status", xtext(m, "Status"), a);
    }
    o.AddMember("metrics", maybe(static_cast<bool>(m), std::move(v), a), a);
  }
  {
    auto t = x.child("ReplicationTime");
    rapidjson::Value v(rapidjson::kObjectType);
    if (t) {
      add_string(v, "status", xtext(t, "Status"), a);
      v.AddMember("time", minutes_block(t.child("Time"), a), a);
    }
    o.AddMember("replication_time", maybe(static_cast<bool>(t), std::move(v), a), a);
  }
  add_string(o, "storage_class", xtext(x, "StorageClass"), a);
  return maybe(true, std::move(o), a);
}

rapidjson::Value tag_map(const pugi::xml_node& n, alloc_t& a) {
  rapidjson::Value m(rapidjson::kObjectType);
  for (auto t : n.children("Tag"))
    m.AddMember(string_value(xtext(t, "Key"), a), string_value(xtext(t, "Value"), a), a);
  return m;
}

rapidjson::Value filter(const pugi::xml_node& f, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  if (!f) return maybe(false, std::move(o), a);
  {
    auto and_n = f.child("And");
    rapidjson::Value v(rapidjson::kObjectType);
    if (and_n) {
      add_string(v, "prefix", xtext(and_n, "Prefix"), a);
      v.AddMember("tags", tag_map(and_n, a), a);
    }
    o.AddMember("and", maybe(static_cast<bool>(and_n), std::move(v), a), a);
  }
  add_string(o, "prefix", xtext(f, "Prefix"), a);
  {
    auto t = f.child("Tag");
    rapidjson::Value v(rapidjson::kObjectType);
    if (t) {
      add_string(v, "key", xtext(t, "Key"), a);
      add_string(v, "value", xtext(t, "Value"), a);
    }
    o.AddMember("tag", maybe(static_cast<bool>(t), std::move(v), a), a);
  }
  return maybe(true, std::move(o), a);
}

rapidjson::Value source_selection(const pugi::xml_node& s, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  if (s) {
    o.AddMember("replica_modifications", status_block(s.child("ReplicaModifications"), a), a);
    o.AddMember("sse_kms_encrypted_objects", status_block(s.child("SseKmsEncryptedObjects"), a), a);
  }
  return maybe(static_cast<bool>(s), std::move(o), a);
}

// The provider's rule list (flattenReplicationRules), in S3's order.
rapidjson::Value replication_rules(const pugi::xml_node& cfg, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : cfg.children("Rule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("delete_marker_replication", status_block(r.child("DeleteMarkerReplication"), a),
                a);
    o.AddMember("destination", destination(r.child("Destination"), a), a);
    o.AddMember("existing_object_replication",
                status_block(r.child("ExistingObjectReplication"), a), a);
    o.AddMember("filter", filter(r.child("Filter"), a), a);
    add_string(o, "id", xtext(r, "ID"), a);
    add_string(o, "prefix", xtext(r, "Prefix"), a);
    add_int(o, "priority", xint(r, "Priority"), a);
    o.AddMember("source_selection_criteria",
                source_selection(r.child("SourceSelectionCriteria"), a), a);
    add_string(o, "status", xtext(r, "Status"), a);
    list.PushBack(o, a);
  }
  return list;
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto rep = s3::config_or(ctx, bucket, "replication", "ReplicationConfigurationNotFoundError");
  if (!rep) return rep.error();
  if (!*rep) return std::optional<doc_ptr>{};
  const auto cfg = (*rep)->result;
  auto d = new_object();
  set_string(*d, "role", xtext(cfg, "Role"));
  auto r = replication_rules(cfg, d->GetAllocator());
  set_value(*d, "rule", r);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetReplicationConfiguration"}, {}};

const change_locator changes =
    s3::bucket_changes({"PutBucketReplication", "DeleteBucketReplication", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_replication_configuration_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_replication_configuration", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
