// aws_elasticache_replication_group: the group from DescribeReplicationGroups (by id), its
// first member cluster from DescribeCacheClusters (engine version, parameter and subnet groups,
// security groups, maintenance window, notification topic: the provider reads them there) and
// ListTagsForResource.
#include <rapidjson/document.h>

#include "aws/elasticache.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"member_clusters", rule_kind::set_order, "a Terraform set"},
    {"security_group_ids", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ElastiCache"},
};

const depth_claim depth{
    {"at_rest_encryption_enabled",
     "auto_minor_version_upgrade",
     "automatic_failover_enabled",
     "cluster_mode",
     "data_tiering_enabled",
     "description",
     "engine",
     "engine_version",
     "global_replication_group_id",
     "ip_discovery",
     "kms_key_id",
     "log_delivery_configuration",
     "maintenance_window",
     "multi_az_enabled",
     "network_type",
     "node_type",
     "notification_topic_arn",
     "num_cache_clusters",
     "num_node_groups",
     "parameter_group_name",
     "port",
     "replicas_per_node_group",
     "replication_group_id",
     "security_group_ids",
     "security_group_names",
     "snapshot_retention_limit",
     "snapshot_window",
     "subnet_group_name",
     "tags",
     "tags_all",
     "transit_encryption_enabled",
     "transit_encryption_mode",
     "user_group_ids"},
    {{"apply_immediately", skip_kind::provider_only, "how the provider applies a change"},
     {"auth_token", skip_kind::provider_only, "ElastiCache never returns the AUTH token"},
     {"auth_token_update_strategy", skip_kind::provider_only,
      "how the provider rotates the AUTH token"},
     {"final_snapshot_identifier", skip_kind::provider_only, "used only on deletion"},
     {"preferred_cache_cluster_azs", skip_kind::create_only,
      "placement at creation; the provider does not read it back"},
     {"snapshot_arns", skip_kind::create_only, "the seed snapshots of the creation"},
     {"snapshot_name", skip_kind::create_only, "the seed snapshot of the creation"}},
    // Terraform cannot apply a replication group in moto (its waiters never see it ready).
    true,
};

const iam_actions permissions{
    {"elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheClusters",
     "elasticache:ListTagsForResource"},
    {}};

bool missing(const aws::error& e) {
  return e.code == "ReplicationGroupNotFoundFault" || e.code == "CacheClusterNotFound";
}

// The texts of the `item` elements of list `set` (the query protocol's flat string lists).
std::vector<std::string> texts(const pugi::xml_node& n, const char* set, const char* item) {
  std::vector<std::string> out;
  for (auto it : n.child(set).children(item)) out.emplace_back(it.child_value());
  return out;
}

bool enabled(const pugi::xml_node& g, const char* name) {
  auto v = xtext(g, name);
  return v == "enabled" || v == "enabling";
}

// The provider keeps a configured "major.minor" (or "6.x") engine version while the running
// version is of that line; anything else is the running version.
std::string engine_version_as_terraform(const terraform::resource_instance& inst,
                                        const std::string& actual) {
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (st.HasParseError() || !st.IsObject() || !st.HasMember("engine_version") ||
      !st["engine_version"].IsString())
    return actual;
  std::string configured = st["engine_version"].GetString();
  if (configured.empty() || configured == actual) return actual;
  auto line = configured;
  if (line.size() > 2 && line.compare(line.size() - 2, 2, ".x") == 0)
    line.resize(line.size() - 1);
  else
    line += ".";
  return actual.rfind(line, 0) == 0 ? configured : actual;
}

rapidjson::Value log_deliveries(const pugi::xml_node& g, rapidjson::Document::AllocatorType& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto l : g.child("LogDeliveryConfigurations").children("LogDeliveryConfiguration")) {
    rapidjson::Value o(rapidjson::kObjectType);
    auto type = xtext(l, "DestinationType");
    auto dest = type == "kinesis-firehose"
                    ? xtext(l, "DestinationDetails/KinesisFirehoseDetails/DeliveryStream")
                    : xtext(l, "DestinationDetails/CloudWatchLogsDetails/LogGroup");
    o.AddMember("destination", rapidjson::Value(dest.c_str(), a), a);
    o.AddMember("destination_type", rapidjson::Value(type.c_str(), a), a);
    o.AddMember("log_format", rapidjson::Value(xtext(l, "LogFormat").c_str(), a), a);
    o.AddMember("log_type", rapidjson::Value(xtext(l, "LogType").c_str(), a), a);
    list.PushBack(o, a);
  }
  return list;
}

void read_member_cluster(rapidjson::Document& d, const terraform::resource_instance& inst,
                         const pugi::xml_node& c) {
  auto actual = xtext(c, "EngineVersion");
  set_string(d, "engine_version_actual", actual);
  set_string(d, "engine_version", engine_version_as_terraform(inst, actual));
  set_string(d, "parameter_group_name", xtext(c, "CacheParameterGroup/CacheParameterGroupName"));
  set_string(d, "subnet_group_name", xtext(c, "CacheSubnetGroupName"));
  set_string(d, "maintenance_window", xtext(c, "PreferredMaintenanceWindow"));
  auto topic = xtext(c, "NotificationConfiguration/TopicArn");
  if (topic.empty())
    set_null(d, "notification_topic_arn");
  else
    set_string(d, "notification_topic_arn", topic);
  std::vector<std::string> ids, names;
  for (auto s : c.child("SecurityGroups").children("member"))
    ids.push_back(xtext(s, "SecurityGroupId"));
  for (auto s : c.child("CacheSecurityGroups").children("CacheSecurityGroup"))
    names.push_back(xtext(s, "CacheSecurityGroupName"));
  std::sort(ids.begin(), ids.end());
  std::sort(names.begin(), names.end());
  set_string_list(d, "security_group_ids", ids);
  set_string_list(d, "security_group_names", names);
}

live_resource read_group(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::query_call(ctx.cloud, aws::elasticache::api, "DescribeReplicationGroups",
                           {{"ReplicationGroupId", inst.id}});
  if (!r) return gone_or_failed(r.error(), missing);
  auto g = r->result.child("ReplicationGroups").child("ReplicationGroup");
  // The provider drops a group that is being deleted from the state.
  if (!g || xtext(g, "Status") == "deleting") return live_resource::gone();

  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "replication_group_id", xtext(g, "ReplicationGroupId"));
  set_string(*d, "description", xtext(g, "Description"));
  set_string(*d, "arn", xtext(g, "ARN"));
  set_string(*d, "engine", xtext(g, "Engine"));
  set_string(*d, "node_type", xtext(g, "CacheNodeType"));
  auto members = texts(g, "MemberClusters", "ClusterId");
  set_int(*d, "num_cache_clusters", static_cast<long long>(members.size()));
  auto sorted_members = members;
  std::sort(sorted_members.begin(), sorted_members.end());
  set_string_list(*d, "member_clusters", sorted_members);
  auto groups = g.child("NodeGroups");
  long long node_groups = 0;
  for (auto n : groups.children("NodeGroup")) ++node_groups, (void)n;
  set_int(*d, "num_node_groups", node_groups);
  auto first = groups.child("NodeGroup");
  long long first_members = 0;
  for (auto m : first.child("NodeGroupMembers").children("NodeGroupMember"))
    ++first_members, (void)m;
  set_int(*d, "replicas_per_node_group", first_members > 0 ? first_members - 1 : 0);
  set_bool(*d, "automatic_failover_enabled", enabled(g, "AutomaticFailover"));
  set_bool(*d, "multi_az_enabled", enabled(g, "MultiAZ"));
  set_bool(*d, "cluster_enabled", xbool(g, "ClusterEnabled"));
  set_string(*d, "cluster_mode", xtext(g, "ClusterMode"));
  set_bool(*d, "data_tiering_enabled", xtext(g, "DataTiering") == "enabled");
  set_string(*d, "ip_discovery", xtext(g, "IpDiscovery"));
  set_string(*d, "network_type", xtext(g, "NetworkType"));
  set_string(*d, "snapshot_window", xtext(g, "SnapshotWindow"));
  set_int(*d, "snapshot_retention_limit", xint(g, "SnapshotRetentionLimit"));
  // The provider holds these two as strings.
  set_string(*d, "at_rest_encryption_enabled",
             xbool(g, "AtRestEncryptionEnabled") ? "true" : "false");
  set_string(*d, "auto_minor_version_upgrade",
             xtext(g, "AutoMinorVersionUpgrade").empty()
                 ? "true"
                 : (xbool(g, "AutoMinorVersionUpgrade") ? "true" : "false"));
  set_bool(*d, "transit_encryption_enabled", xbool(g, "TransitEncryptionEnabled"));
  set_string(*d, "transit_encryption_mode", xtext(g, "TransitEncryptionMode"));
  auto kms = xtext(g, "KmsKeyId");
  if (kms.empty())
    set_null(*d, "kms_key_id");
  else
    set_string(*d, "kms_key_id", kms);
  auto users = texts(g, "UserGroupIds", "member");
  std::sort(users.begin(), users.end());
  set_string_list(*d, "user_group_ids", users);
  set_string(*d, "global_replication_group_id",
             xtext(g, "GlobalReplicationGroupInfo/GlobalReplicationGroupId"));
  auto logs = log_deliveries(g, a);
  set_value(*d, "log_delivery_configuration", logs);
  if (g.child("ConfigurationEndpoint")) {
    set_string(*d, "configuration_endpoint_address", xtext(g, "ConfigurationEndpoint/Address"));
    set_int(*d, "port", xint(g, "ConfigurationEndpoint/Port"));
  } else {
    set_string(*d, "primary_endpoint_address", xtext(first, "PrimaryEndpoint/Address"));
    set_string(*d, "reader_endpoint_address", xtext(first, "ReaderEndpoint/Address"));
    set_int(*d, "port", xint(first, "PrimaryEndpoint/Port"));
  }

  if (!members.empty()) {
    ctx.count();
    auto c = aws::query_call(ctx.cloud, aws::elasticache::api, "DescribeCacheClusters",
                             {{"CacheClusterId", members.front()}});
    if (!c) return failed(c.error());
    read_member_cluster(*d, inst, c->result.child("CacheClusters").child("CacheCluster"));
  }
  ctx.count();
  return found_with_tags(d, inst,
                         aws::elasticache::list_tags_for_resource(ctx.cloud, xtext(g, "ARN")));
}

}  // namespace

const type_module& aws_elasticache_replication_group_module() {
  static const type_module m{
      "aws_elasticache_replication_group",
      one_by_one(read_group),
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        aws::xml_response keep;
        auto all = aws::elasticache::describe_all(ctx.cloud, "DescribeReplicationGroups", {},
                                                  "ReplicationGroups", "ReplicationGroup", keep,
                                                  [&] { ctx.count(); });
        if (!all) return all.error();
        std::vector<std::string> ids;
        for (const auto& g : *all) ids.push_back(xtext(g, "ReplicationGroupId"));
        return discovered_ids(ids);
      },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/3};
  return m;
}

}  // namespace scanner::native
