// aws_db_instance: class, storage, engine, network exposure, backups and tags, from one
// DescribeDBInstances listing per batch (matched by identifier or resource id).
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
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from RDS"},
};

doc_ptr build(const read_context& ctx, const terraform::resource_instance& inst,
              const pugi::xml_node& db) {
  auto d = new_object();
  set_string(*d, "instance_class", xtext(db, "DBInstanceClass"));
  set_bool(*d, "publicly_accessible", xbool(db, "PubliclyAccessible"));
  set_int(*d, "allocated_storage", xint(db, "AllocatedStorage"));
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
      &rules, 100,
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
      }};
  return m;
}

}  // namespace scanner::native
