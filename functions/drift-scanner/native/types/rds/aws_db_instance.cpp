// aws_db_instance: class, storage, engine and version, network exposure and placement,
// parameter and option groups, backups and maintenance, monitoring, Performance Insights,
// directory membership and tags, from one DescribeDBInstances listing per batch (matched by
// identifier or resource id).
#include "aws/rds.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"latest_restorable_time", rule_kind::ignore,
     "moves forward on its own every few minutes (computed-only)"},
    {"engine", rule_kind::case_insensitive, "RDS may answer the engine name in another case"},
    {"vpc_security_group_ids", rule_kind::set_order, "a Terraform set"},
    {"enabled_cloudwatch_logs_exports", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from RDS"},
};

constexpr std::string_view deletion_why = "a deletion option of the provider, never read from RDS";
constexpr std::string_view change_why = "how the provider applies a change, never read from RDS";
constexpr std::string_view source_why = "the source a new instance is made from; never read back";
constexpr std::string_view fixed_why =
    "fixed at creation (RDS cannot change it in place): a change forces a new instance";

const depth_claim depth{
    {"allocated_storage",
     "auto_minor_version_upgrade",
     "availability_zone",
     "backup_retention_period",
     "backup_target",
     "backup_window",
     "ca_cert_identifier",
     "copy_tags_to_snapshot",
     "customer_owned_ip_enabled",
     "database_insights_mode",
     "db_name",
     "db_subnet_group_name",
     "dedicated_log_volume",
     "deletion_protection",
     "domain",
     "domain_auth_secret_arn",
     "domain_dns_ips",
     "domain_fqdn",
     "domain_iam_role_name",
     "domain_ou",
     "enabled_cloudwatch_logs_exports",
     "engine",
     "engine_lifecycle_support",
     "engine_version",
     "iam_database_authentication_enabled",
     "identifier",
     "instance_class",
     "iops",
     "license_model",
     "maintenance_window",
     "manage_master_user_password",
     "master_user_secret_kms_key_id",
     "max_allocated_storage",
     "monitoring_interval",
     "monitoring_role_arn",
     "multi_az",
     "network_type",
     "option_group_name",
     "parameter_group_name",
     "performance_insights_enabled",
     "performance_insights_kms_key_id",
     "performance_insights_retention_period",
     "port",
     "publicly_accessible",
     "replica_mode",
     "replicate_source_db",
     "storage_encrypted",
     "storage_throughput",
     "storage_type",
     "tags",
     "tags_all",
     "username",
     "vpc_security_group_ids"},
    {{"allow_major_version_upgrade", skip_kind::provider_only, change_why},
     {"apply_immediately", skip_kind::provider_only, change_why},
     {"upgrade_storage_config", skip_kind::provider_only, change_why},
     {"blue_green_update", skip_kind::provider_only, change_why},
     {"delete_automated_backups", skip_kind::provider_only, deletion_why},
     {"final_snapshot_identifier", skip_kind::provider_only, deletion_why},
     {"skip_final_snapshot", skip_kind::provider_only, deletion_why},
     {"password", skip_kind::provider_only, "RDS never returns the master password"},
     {"password_wo", skip_kind::write_only, "RDS never returns the master password"},
     {"password_wo_version", skip_kind::provider_only,
      "the provider's trigger to resend the write-only password"},
     {"identifier_prefix", skip_kind::create_only,
      "derived into the identifier at creation; the identifier itself is compared"},
     {"restore_to_point_in_time", skip_kind::create_only, source_why},
     {"s3_import", skip_kind::create_only, source_why},
     {"snapshot_identifier", skip_kind::create_only, source_why},
     {"character_set_name", skip_kind::create_only, fixed_why},
     {"nchar_character_set_name", skip_kind::create_only, fixed_why},
     {"timezone", skip_kind::create_only, fixed_why},
     {"custom_iam_instance_profile", skip_kind::create_only, fixed_why},
     {"kms_key_id", skip_kind::create_only, fixed_why}},
};

// Set only when RDS answers the element: left out otherwise, so never reported on a guess.
void maybe_string(rapidjson::Document& d, const pugi::xml_node& db, const char* name,
                  const char* path) {
  if (db.first_element_by_path(path)) set_string(d, name, xtext(db, path));
}

void maybe_bool(rapidjson::Document& d, const pugi::xml_node& db, const char* name,
                const char* path) {
  if (db.first_element_by_path(path)) set_bool(d, name, xbool(db, path));
}

// The texts of a list element's members.
std::vector<std::string> members(const pugi::xml_node& n, const char* list) {
  std::vector<std::string> out;
  for (auto m : n.child(list).children("member")) out.emplace_back(m.child_value());
  return out;
}

// The provider keeps a configured version that is a prefix of the running one ("8.0" of
// "8.0.35"): a minor upgrade under it is no drift.
std::string engine_version(const rapidjson::Document& st, const std::string& actual) {
  const std::string configured = string_member(st, "engine_version");
  if (!configured.empty() && actual.rfind(configured, 0) == 0 &&
      (actual.size() == configured.size() || actual[configured.size()] == '.'))
    return configured;
  return actual;
}

void set_more(rapidjson::Document& d, const terraform::resource_instance& inst,
              const pugi::xml_node& db) {
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  set_string(d, "engine_version", engine_version(st, xtext(db, "EngineVersion")));
  set_string(d, "identifier", xtext(db, "DBInstanceIdentifier"));
  set_string(d, "availability_zone", xtext(db, "AvailabilityZone"));
  set_string(d, "backup_window", xtext(db, "PreferredBackupWindow"));
  set_string(d, "maintenance_window", xtext(db, "PreferredMaintenanceWindow"));
  set_string(d, "ca_cert_identifier", xtext(db, "CACertificateIdentifier"));
  set_bool(d, "copy_tags_to_snapshot", xbool(db, "CopyTagsToSnapshot"));
  set_bool(d, "auto_minor_version_upgrade", xbool(db, "AutoMinorVersionUpgrade"));
  set_string(d, "license_model", xtext(db, "LicenseModel"));
  set_string(d, "db_name", xtext(db, "DBName"));
  set_string(d, "parameter_group_name",
             xtext(db, "DBParameterGroups/DBParameterGroup/DBParameterGroupName"));
  set_string(d, "option_group_name",
             xtext(db, "OptionGroupMemberships/OptionGroupMembership/OptionGroupName"));
  set_int(d, "iops", xint(db, "Iops"));
  set_int(d, "storage_throughput", xint(db, "StorageThroughput"));
  set_int(d, "monitoring_interval", xint(db, "MonitoringInterval"));
  set_string(d, "monitoring_role_arn", xtext(db, "MonitoringRoleArn"));
  set_bool(d, "performance_insights_enabled", xbool(db, "PerformanceInsightsEnabled"));
  set_string(d, "performance_insights_kms_key_id", xtext(db, "PerformanceInsightsKMSKeyId"));
  set_int(d, "performance_insights_retention_period",
          xint(db, "PerformanceInsightsRetentionPeriod"));
  set_bool(d, "customer_owned_ip_enabled", xbool(db, "CustomerOwnedIpEnabled"));
  set_string(d, "replica_mode", xtext(db, "ReplicaMode"));
  set_string(d, "replicate_source_db", xtext(db, "ReadReplicaSourceDBInstanceIdentifier"));
  const bool endpoint = static_cast<bool>(db.child("Endpoint").child("Port"));
  set_int(d, "port", xint(db, endpoint ? "Endpoint/Port" : "DbInstancePort"));
  auto exports = members(db, "EnabledCloudwatchLogsExports");
  std::sort(exports.begin(), exports.end());
  set_string_list(d, "enabled_cloudwatch_logs_exports", exports);
  // The provider sets the group only when RDS names one (null in its state otherwise).
  maybe_string(d, db, "db_subnet_group_name", "DBSubnetGroup/DBSubnetGroupName");
  maybe_string(d, db, "network_type", "NetworkType");
  maybe_string(d, db, "backup_target", "BackupTarget");
  maybe_string(d, db, "database_insights_mode", "DatabaseInsightsMode");
  maybe_string(d, db, "engine_lifecycle_support", "EngineLifecycleSupport");
  maybe_bool(d, db, "dedicated_log_volume", "DedicatedLogVolume");
  // A managed master password: the provider reads only that one is, and its key.
  if (auto secret = db.child("MasterUserSecret")) {
    set_bool(d, "manage_master_user_password", true);
    set_string(d, "master_user_secret_kms_key_id", xtext(secret, "KmsKeyId"));
  }
  // The directory the instance joined: the provider reads the first membership.
  if (auto m = db.child("DomainMemberships").child("DomainMembership")) {
    set_string(d, "domain", xtext(m, "Domain"));
    set_string(d, "domain_fqdn", xtext(m, "FQDN"));
    set_string(d, "domain_ou", xtext(m, "OU"));
    set_string(d, "domain_auth_secret_arn", xtext(m, "AuthSecretArn"));
    set_string(d, "domain_iam_role_name", xtext(m, "IAMRoleName"));
    set_string_list(d, "domain_dns_ips", members(m, "DnsIps"));
  }
}

doc_ptr build(const read_context& ctx, const terraform::resource_instance& inst,
              const pugi::xml_node& db) {
  auto d = new_object();
  set_string(*d, "instance_class", xtext(db, "DBInstanceClass"));
  set_bool(*d, "publicly_accessible", xbool(db, "PubliclyAccessible"));
  set_int(*d, "allocated_storage", xint(db, "AllocatedStorage"));
  // No storage autoscaling: RDS answers no limit, which the provider stores as 0.
  set_int(*d, "max_allocated_storage", xint(db, "MaxAllocatedStorage"));
  set_string(*d, "engine", xtext(db, "Engine"));
  set_string(*d, "engine_version_actual", xtext(db, "EngineVersion"));
  set_bool(*d, "multi_az", xbool(db, "MultiAZ"));
  set_string(*d, "storage_type", xtext(db, "StorageType"));
  set_bool(*d, "storage_encrypted", xbool(db, "StorageEncrypted"));
  set_int(*d, "backup_retention_period", xint(db, "BackupRetentionPeriod"));
  set_bool(*d, "deletion_protection", xbool(db, "DeletionProtection"));
  set_bool(*d, "iam_database_authentication_enabled",
           xbool(db, "IAMDatabaseAuthenticationEnabled"));
  set_string(*d, "username", xtext(db, "MasterUsername"));
  set_string(*d, "latest_restorable_time", xtext(db, "LatestRestorableTime"));
  std::vector<std::string> groups;
  for (auto g : db.child("VpcSecurityGroups").children("VpcSecurityGroupMembership"))
    groups.emplace_back(xtext(g, "VpcSecurityGroupId"));
  std::sort(groups.begin(), groups.end());
  set_string_list(*d, "vpc_security_group_ids", groups);
  set_more(*d, inst, db);
  std::map<std::string, std::string> tags;
  if (db.child("TagList")) {
    for (auto t : db.child("TagList").children("Tag")) tags[xtext(t, "Key")] = xtext(t, "Value");
  } else {
    ctx.count();
    auto t = aws::rds::list_tags_for_resource(ctx.cloud, xtext(db, "DBInstanceArn"));
    if (t) tags = *t;
  }
  set_tags(*d, inst, tags);
  return d;
}

const iam_actions permissions{{"rds:DescribeDBInstances", "rds:ListTagsForResource"}, {}};

}  // namespace

const type_module& aws_db_instance_module() {
  static const type_module m{
      "aws_db_instance",
      [](const read_context& ctx, const instance_list& batch) {
        ctx.count();
        auto all = aws::rds::describe_db_instances(ctx.cloud, {}, 100);
        if (!all) return all_failed(batch.size(), all.error());
        std::map<std::string, pugi::xml_node> by_key;
        for (auto db : all->result.children("DBInstance")) {
          by_key[xtext(db, "DBInstanceIdentifier")] = db;
          by_key[xtext(db, "DbiResourceId")] = db;
        }
        std::vector<live_resource> out;
        for (const auto* inst : batch) {
          rapidjson::Document st;
          st.Parse(inst->attributes.c_str(), inst->attributes.size());
          auto it = by_key.find(string_member(st, "identifier"));
          if (it == by_key.end()) it = by_key.find(inst->id);
          const std::string status =
              it == by_key.end() ? "" : xtext(it->second, "DBInstanceStatus");
          if (it == by_key.end() || status == "deleting")
            out.push_back(live_resource::gone());
          else
            out.push_back(live_resource::found(build(ctx, *inst, it->second)));
        }
        return out;
      },
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        ctx.count();
        auto all = aws::rds::describe_db_instances(ctx.cloud, {}, 100);
        if (!all) return all.error();
        std::vector<discovered> out;
        for (auto db : all->result.children("DBInstance")) {
          // The state's id is the resource id; import takes the identifier.
          out.push_back({xtext(db, "DbiResourceId"), xtext(db, "DBInstanceIdentifier"), {}});
        }
        return out;
      },
      &depth,
      &permissions};
  return m;
}

}  // namespace scanner::native
