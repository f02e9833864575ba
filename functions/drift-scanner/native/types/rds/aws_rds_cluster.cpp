// aws_rds_cluster: engine and version, capacity (Serverless v1 and v2), network placement,
// backups and maintenance, logs, monitoring, Performance Insights, IAM and global membership
// and tags, from one DescribeDBClusters listing per batch (matched by identifier) and one
// DescribeGlobalClusters for the batch's global memberships.
#include "rds_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"engine", rule_kind::case_insensitive, "RDS may answer the engine name in another case"},
    {"availability_zones", rule_kind::set_order, "a Terraform set"},
    {"cluster_members", rule_kind::set_order, "a Terraform set"},
    {"enabled_cloudwatch_logs_exports", rule_kind::set_order, "a Terraform set"},
    {"iam_roles", rule_kind::set_order, "a Terraform set"},
    {"vpc_security_group_ids", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from RDS"},
};

constexpr std::string_view deletion_why = "a deletion option of the provider, never read from RDS";
constexpr std::string_view change_why = "how the provider applies a change, never read from RDS";
constexpr std::string_view source_why = "the source a new cluster is made from; never read back";

const depth_claim depth{
    {"allocated_storage",
     "availability_zones",
     "backtrack_window",
     "backup_retention_period",
     "ca_certificate_identifier",
     "cluster_identifier",
     "cluster_members",
     "cluster_scalability_type",
     "copy_tags_to_snapshot",
     "database_insights_mode",
     "database_name",
     "db_cluster_instance_class",
     "db_cluster_parameter_group_name",
     "db_subnet_group_name",
     "db_system_id",
     "deletion_protection",
     "domain",
     "domain_iam_role_name",
     "enable_global_write_forwarding",
     "enable_http_endpoint",
     "enable_local_write_forwarding",
     "enabled_cloudwatch_logs_exports",
     "engine",
     "engine_lifecycle_support",
     "engine_mode",
     "engine_version",
     "global_cluster_identifier",
     "iam_database_authentication_enabled",
     "iam_roles",
     "iops",
     "kms_key_id",
     "manage_master_user_password",
     "master_user_secret_kms_key_id",
     "master_username",
     "monitoring_interval",
     "monitoring_role_arn",
     "network_type",
     "performance_insights_enabled",
     "performance_insights_kms_key_id",
     "performance_insights_retention_period",
     "port",
     "preferred_backup_window",
     "preferred_maintenance_window",
     "replication_source_identifier",
     "scaling_configuration",
     "serverlessv2_scaling_configuration",
     "storage_encrypted",
     "storage_type",
     "tags",
     "tags_all",
     "vpc_security_group_ids"},
    {{"allow_major_version_upgrade", skip_kind::provider_only, change_why},
     {"apply_immediately", skip_kind::provider_only, change_why},
     {"db_instance_parameter_group_name", skip_kind::provider_only,
      "sent with a major version upgrade only; RDS answers no such cluster setting"},
     {"delete_automated_backups", skip_kind::provider_only, deletion_why},
     {"final_snapshot_identifier", skip_kind::provider_only, deletion_why},
     {"skip_final_snapshot", skip_kind::provider_only, deletion_why},
     {"master_password", skip_kind::provider_only, "RDS never returns the master password"},
     {"master_password_wo", skip_kind::write_only, "RDS never returns the master password"},
     {"master_password_wo_version", skip_kind::provider_only,
      "the provider's trigger to resend the write-only password"},
     {"cluster_identifier_prefix", skip_kind::create_only,
      "derived into the identifier at creation; the identifier itself is compared"},
     {"restore_to_point_in_time", skip_kind::create_only, source_why},
     {"s3_import", skip_kind::create_only, source_why},
     {"snapshot_identifier", skip_kind::create_only, source_why},
     {"source_region", skip_kind::create_only, source_why}},
};

const iam_actions permissions{{"rds:DescribeDBClusters", "rds:DescribeGlobalClusters"}, {}};

void maybe_string(rapidjson::Document& d, const pugi::xml_node& c, const char* name,
                  const char* path) {
  if (c.first_element_by_path(path)) set_string(d, name, xtext(c, path));
}

void set_sorted(rapidjson::Document& d, const char* name, std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  set_string_list(d, name, v);
}

// The provider keeps a configured version that is a prefix of the running one.
std::string engine_version(const rapidjson::Document& st, const std::string& actual) {
  const std::string configured = string_member(st, "engine_version");
  if (!configured.empty() && actual.rfind(configured, 0) == 0 &&
      (actual.size() == configured.size() || actual[configured.size()] == '.'))
    return configured;
  return actual;
}

bool forwarding_on(const pugi::xml_node& c, const char* path) {
  const std::string s = xtext(c, path);
  return s == "enabled" || s == "enabling";
}

// A member of a capacity block: the number RDS answers, or null (as the provider stores a
// field RDS leaves out).
void add_number(rapidjson::Value& o, const char* name, const pugi::xml_node& s, const char* path,
                rapidjson::Document::AllocatorType& a) {
  rapidjson::Value k(name, a);
  auto n = s.child(path);
  if (!n) {
    o.AddMember(k, rapidjson::Value(), a);
    return;
  }
  const double v = n.text().as_double();
  if (v == static_cast<double>(static_cast<int64_t>(v)))
    o.AddMember(k, rapidjson::Value(static_cast<int64_t>(v)), a);
  else
    o.AddMember(k, rapidjson::Value(v), a);
}

// Serverless v1 and v2 capacity: a one-element list when RDS answers the element, [] otherwise.
void set_scaling(rapidjson::Document& d, const pugi::xml_node& c) {
  auto& a = d.GetAllocator();
  rapidjson::Value v1(rapidjson::kArrayType);
  if (auto s = c.child("ScalingConfigurationInfo")) {
    rapidjson::Value e(rapidjson::kObjectType);
    if (s.child("AutoPause"))
      e.AddMember("auto_pause", xbool(s, "AutoPause"), a);
    else
      e.AddMember("auto_pause", rapidjson::Value(), a);
    add_number(e, "max_capacity", s, "MaxCapacity", a);
    add_number(e, "min_capacity", s, "MinCapacity", a);
    add_number(e, "seconds_before_timeout", s, "SecondsBeforeTimeout", a);
    add_number(e, "seconds_until_auto_pause", s, "SecondsUntilAutoPause", a);
    if (s.child("TimeoutAction"))
      e.AddMember("timeout_action", string_value(xtext(s, "TimeoutAction"), a), a);
    else
      e.AddMember("timeout_action", rapidjson::Value(), a);
    v1.PushBack(e, a);
  }
  set_value(d, "scaling_configuration", v1);
  rapidjson::Value v2(rapidjson::kArrayType);
  if (auto s = c.child("ServerlessV2ScalingConfiguration")) {
    rapidjson::Value e(rapidjson::kObjectType);
    add_number(e, "max_capacity", s, "MaxCapacity", a);
    add_number(e, "min_capacity", s, "MinCapacity", a);
    // The provider stores 0 for a v2 auto-pause delay RDS leaves out.
    e.AddMember("seconds_until_auto_pause",
                rapidjson::Value(static_cast<int64_t>(xint(s, "SecondsUntilAutoPause"))), a);
    v2.PushBack(e, a);
  }
  set_value(d, "serverlessv2_scaling_configuration", v2);
}

void set_more(rapidjson::Document& d, const terraform::resource_instance& inst,
              const pugi::xml_node& c) {
  const auto st = rds::state_of(inst);
  set_string(d, "engine_version", engine_version(st, xtext(c, "EngineVersion")));
  set_string(d, "engine_version_actual", xtext(c, "EngineVersion"));
  set_string(d, "engine_mode", xtext(c, "EngineMode"));
  set_string(d, "engine_lifecycle_support", xtext(c, "EngineLifecycleSupport"));
  set_string(d, "cluster_scalability_type", xtext(c, "ClusterScalabilityType"));
  set_string(d, "database_insights_mode", xtext(c, "DatabaseInsightsMode"));
  set_string(d, "db_cluster_instance_class", xtext(c, "DBClusterInstanceClass"));
  set_string(d, "db_system_id", xtext(c, "DBSystemId"));
  set_string(d, "network_type", xtext(c, "NetworkType"));
  set_string(d, "replication_source_identifier", xtext(c, "ReplicationSourceIdentifier"));
  set_int(d, "iops", xint(c, "Iops"));
  set_int(d, "monitoring_interval", xint(c, "MonitoringInterval"));
  set_string(d, "monitoring_role_arn", xtext(c, "MonitoringRoleArn"));
  set_bool(d, "performance_insights_enabled", xbool(c, "PerformanceInsightsEnabled"));
  set_string(d, "performance_insights_kms_key_id", xtext(c, "PerformanceInsightsKMSKeyId"));
  set_int(d, "performance_insights_retention_period",
          xint(c, "PerformanceInsightsRetentionPeriod"));
  set_bool(d, "enable_http_endpoint", xbool(c, "HttpEndpointEnabled"));
  set_bool(d, "enable_global_write_forwarding", forwarding_on(c, "GlobalWriteForwardingStatus"));
  set_bool(d, "enable_local_write_forwarding", forwarding_on(c, "LocalWriteForwardingStatus"));
  // Set only when RDS answers them, as the provider does (a known RDS answer without the name).
  maybe_string(d, c, "database_name", "DatabaseName");
  maybe_string(d, c, "ca_certificate_identifier", "CertificateDetails/CAIdentifier");
  if (auto secret = c.child("MasterUserSecret")) {
    set_bool(d, "manage_master_user_password", true);
    set_string(d, "master_user_secret_kms_key_id", xtext(secret, "KmsKeyId"));
  }
  if (auto m = c.child("DomainMemberships").child("DomainMembership")) {
    set_string(d, "domain", xtext(m, "Domain"));
    set_string(d, "domain_iam_role_name", xtext(m, "IAMRoleName"));
  }
  set_sorted(d, "availability_zones",
             rds::texts(c.child("AvailabilityZones"), "AvailabilityZone", nullptr));
  set_sorted(d, "cluster_members",
             rds::texts(c.child("DBClusterMembers"), "DBClusterMember", "DBInstanceIdentifier"));
  set_sorted(d, "enabled_cloudwatch_logs_exports",
             rds::texts(c.child("EnabledCloudwatchLogsExports"), "member", nullptr));
  set_sorted(d, "iam_roles", rds::texts(c.child("AssociatedRoles"), "DBClusterRole", "RoleArn"));
  set_sorted(
      d, "vpc_security_group_ids",
      rds::texts(c.child("VpcSecurityGroups"), "VpcSecurityGroupMembership", "VpcSecurityGroupId"));
  set_scaling(d, c);
}

doc_ptr build(const terraform::resource_instance& inst, const pugi::xml_node& c,
              const std::string& global_id) {
  auto d = new_object();
  set_string(*d, "cluster_identifier", xtext(c, "DBClusterIdentifier"));
  set_string(*d, "arn", xtext(c, "DBClusterArn"));
  set_string(*d, "engine", xtext(c, "Engine"));
  set_int(*d, "allocated_storage", xint(c, "AllocatedStorage"));
  set_int(*d, "backtrack_window", xint(c, "BacktrackWindow"));
  set_int(*d, "backup_retention_period", xint(c, "BackupRetentionPeriod"));
  set_bool(*d, "copy_tags_to_snapshot", xbool(c, "CopyTagsToSnapshot"));
  set_string(*d, "db_cluster_parameter_group_name", xtext(c, "DBClusterParameterGroup"));
  set_string(*d, "db_subnet_group_name", xtext(c, "DBSubnetGroup"));
  set_bool(*d, "deletion_protection", xbool(c, "DeletionProtection"));
  set_bool(*d, "iam_database_authentication_enabled", xbool(c, "IAMDatabaseAuthenticationEnabled"));
  set_string(*d, "kms_key_id", xtext(c, "KmsKeyId"));
  set_string(*d, "master_username", xtext(c, "MasterUsername"));
  set_int(*d, "port", xint(c, "Port"));
  set_string(*d, "preferred_backup_window", xtext(c, "PreferredBackupWindow"));
  set_string(*d, "preferred_maintenance_window", xtext(c, "PreferredMaintenanceWindow"));
  set_bool(*d, "storage_encrypted", xbool(c, "StorageEncrypted"));
  set_string(*d, "storage_type", xtext(c, "StorageType"));
  set_string(*d, "global_cluster_identifier", global_id);
  set_more(*d, inst, c);
  return d;
}

// The global cluster each member cluster (by ARN) belongs to.
core::result<std::map<std::string, std::string>, aws::error> global_memberships(
    const read_context& ctx) {
  aws::xml_response keep;
  auto all =
      rds::describe_all(ctx, "DescribeGlobalClusters", {}, "GlobalClusters", "GlobalCluster", keep);
  if (!all) return all.error();
  std::map<std::string, std::string> out;
  for (const auto& g : *all)
    for (auto m : g.child("GlobalClusterMembers").children("GlobalClusterMember"))
      out[xtext(m, "DBClusterArn")] = xtext(g, "GlobalClusterIdentifier");
  return out;
}

core::result<std::vector<pugi::xml_node>, aws::error> all_clusters(const read_context& ctx,
                                                                   aws::xml_response& keep) {
  return rds::describe_all(ctx, "DescribeDBClusters", {}, "DBClusters", "DBCluster", keep);
}

std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch) {
  aws::xml_response keep;
  auto all = all_clusters(ctx, keep);
  if (!all) return all_failed(batch.size(), all.error());
  const auto by_id = rds::by_child(*all, "DBClusterIdentifier");
  std::vector<const pugi::xml_node*> found;
  for (const auto* inst : batch) {
    auto it = by_id.find(inst->id);
    const bool live = it != by_id.end() && xtext(it->second, "Status") != "deleting";
    found.push_back(live ? &it->second : nullptr);
  }
  std::map<std::string, std::string> globals;
  if (std::any_of(found.begin(), found.end(), [](const auto* c) { return c != nullptr; })) {
    auto g = global_memberships(ctx);
    if (!g) return all_failed(batch.size(), g.error());
    globals = std::move(*g);
  }
  std::vector<live_resource> out;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!found[i]) {
      out.push_back(live_resource::gone());
      continue;
    }
    const auto& c = *found[i];
    auto g = globals.find(xtext(c, "DBClusterArn"));
    auto d = build(*batch[i], c, g == globals.end() ? "" : g->second);
    std::map<std::string, std::string> tags;
    for (auto t : c.child("TagList").children("Tag")) tags[xtext(t, "Key")] = xtext(t, "Value");
    set_tags(*d, *batch[i], tags);
    out.push_back(live_resource::found(d));
  }
  return out;
}

}  // namespace

const type_module& aws_rds_cluster_module() {
  static const type_module m{
      "aws_rds_cluster",
      read_batch,
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        aws::xml_response keep;
        auto all = all_clusters(ctx, keep);
        if (!all) return all.error();
        std::vector<std::string> ids;
        // DocumentDB and Neptune clusters answer here too; they are other resource types.
        for (const auto& c : *all) {
          const std::string engine = xtext(c, "Engine");
          if (engine != "docdb" && engine != "neptune")
            ids.push_back(xtext(c, "DBClusterIdentifier"));
        }
        return discovered_ids(ids);
      },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/2,
      /*calls_per_instance=*/0};
  return m;
}

}  // namespace scanner::native
