// aws_eks_cluster: a cluster's version, role, networking, logging, encryption, access, compute,
// storage and upgrade settings and tags (DescribeCluster, one cluster per call).
#include <ctime>

#include "aws/eks.h"
#include "lambda/lambda_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using lambda::at;
using lambda::bool_at;
using lambda::copy_fields;
using lambda::field_kind;
using lambda::str_at;
using lambda::string_array;
using lambda::strings_at;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
};

const depth_claim depth{
    {"access_config", "compute_config", "enabled_cluster_log_types", "encryption_config",
     "kubernetes_network_config", "name", "outpost_config", "remote_network_config", "role_arn",
     "storage_config", "tags", "tags_all", "upgrade_policy", "version", "vpc_config",
     "zonal_shift_config"},
    {
        {"bootstrap_self_managed_addons", skip_kind::create_only,
         "only sent at creation (a change replaces the cluster); EKS never returns it"},
        {"force_update_version", skip_kind::provider_only,
         "how the provider upgrades: nothing EKS holds"},
    },
    false,
    // moto returns none of these blocks and fails UpdateClusterVersion: proved offline
    // (`updated`, edited).
    {"access_config", "compute_config", "encryption_config", "outpost_config",
     "remote_network_config", "storage_config", "upgrade_policy", "version", "zonal_shift_config"},
};

using alloc_t = rapidjson::Document::AllocatorType;

rapidjson::Value list_of(rapidjson::Value obj, bool present, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (present) list.PushBack(obj, a);
  return list;
}

// [block copied by `fields`] when `src` is an object, else [].
rapidjson::Value block(const rapidjson::Value* src, std::initializer_list<lambda::field> fields,
                       alloc_t& a) {
  rapidjson::Value b(rapidjson::kObjectType);
  const bool present = src && src->IsObject();
  if (present) copy_fields(b, *src, fields, a);
  return list_of(std::move(b), present, a);
}

// {cidrs} blocks of a remote network list.
rapidjson::Value cidr_blocks(const rapidjson::Value* list, alloc_t& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  if (list && list->IsArray())
    for (const auto& n : list->GetArray()) {
      rapidjson::Value b(rapidjson::kObjectType);
      b.AddMember("cidrs", string_array(strings_at(n, {"cidrs"}), true, a), a);
      out.PushBack(b, a);
    }
  return out;
}

// EKS's epoch seconds as the provider stores them (RFC 3339, UTC, whole seconds).
std::string rfc3339(const rapidjson::Value* t) {
  if (!t || !t->IsNumber()) return "";
  const std::time_t secs = static_cast<std::time_t>(t->GetDouble());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void read_cluster(rapidjson::Document& d, const rapidjson::Value& c,
                  const terraform::resource_instance& inst) {
  auto& a = d.GetAllocator();
  set_string(d, "arn", str_at(c, {"arn"}));
  set_string(d, "name", str_at(c, {"name"}));
  set_string(d, "version", str_at(c, {"version"}));
  set_string(d, "role_arn", str_at(c, {"roleArn"}));
  set_string(d, "endpoint", str_at(c, {"endpoint"}));
  set_string(d, "platform_version", str_at(c, {"platformVersion"}));
  set_string(d, "status", str_at(c, {"status"}));
  set_string(d, "created_at", rfc3339(at(c, {"createdAt"})));
  // access_config: the bootstrap flag is never returned; the provider keeps the state's.
  rapidjson::Value access(rapidjson::kObjectType);
  const auto* ac = at(c, {"accessConfig"});
  if (ac && ac->IsObject()) {
    access.AddMember("authentication_mode", string_value(str_at(*ac, {"authenticationMode"}), a),
                     a);
    rapidjson::Document state;
    state.Parse(inst.attributes.c_str(), inst.attributes.size());
    const auto* kept = state.HasParseError() ? nullptr : at(state, {"access_config"});
    bool bootstrap = false;
    if (kept && kept->IsArray() && !kept->Empty())
      bootstrap = bool_at((*kept)[0], {"bootstrap_cluster_creator_admin_permissions"});
    access.AddMember("bootstrap_cluster_creator_admin_permissions", bootstrap, a);
  }
  auto access_list = list_of(std::move(access), ac && ac->IsObject(), a);
  set_value(d, "access_config", access_list);
  rapidjson::Value ca(rapidjson::kObjectType);
  ca.AddMember("data", string_value(str_at(c, {"certificateAuthority", "data"}), a), a);
  auto ca_list = list_of(std::move(ca), at(c, {"certificateAuthority"}) != nullptr, a);
  set_value(d, "certificate_authority", ca_list);
  auto compute = block(at(c, {"computeConfig"}),
                       {{"enabled", "enabled", field_kind::boolean},
                        {"node_pools", "nodePools", field_kind::string_set},
                        {"node_role_arn", "nodeRoleArn", field_kind::string}},
                       a);
  set_value(d, "compute_config", compute);
  // enabled_cluster_log_types: every type of the enabled logging entries (a set).
  std::vector<std::string> logs;
  if (const auto* l = at(c, {"logging", "clusterLogging"}); l && l->IsArray())
    for (const auto& entry : l->GetArray())
      if (bool_at(entry, {"enabled"}))
        for (auto& t : strings_at(entry, {"types"})) logs.push_back(std::move(t));
  auto log_types = string_array(logs, true, a);
  set_value(d, "enabled_cluster_log_types", log_types);
  rapidjson::Value encryption(rapidjson::kArrayType);
  if (const auto* l = at(c, {"encryptionConfig"}); l && l->IsArray() && !l->Empty()) {
    const auto& e = (*l)[0];
    rapidjson::Value b(rapidjson::kObjectType);
    b.AddMember("provider",
                block(at(e, {"provider"}), {{"key_arn", "keyArn", field_kind::string}}, a), a);
    b.AddMember("resources", string_array(strings_at(e, {"resources"}), true, a), a);
    encryption.PushBack(b, a);
  }
  set_value(d, "encryption_config", encryption);
  rapidjson::Value oidc(rapidjson::kObjectType);
  oidc.AddMember(
      "oidc", block(at(c, {"identity", "oidc"}), {{"issuer", "issuer", field_kind::string}}, a), a);
  auto identity = list_of(std::move(oidc), at(c, {"identity"}) != nullptr, a);
  set_value(d, "identity", identity);
  rapidjson::Value knc(rapidjson::kObjectType);
  const auto* k = at(c, {"kubernetesNetworkConfig"});
  if (k && k->IsObject()) {
    knc.AddMember(
        "elastic_load_balancing",
        block(at(*k, {"elasticLoadBalancing"}), {{"enabled", "enabled", field_kind::boolean}}, a),
        a);
    copy_fields(knc, *k,
                {{"ip_family", "ipFamily", field_kind::string},
                 {"service_ipv4_cidr", "serviceIpv4Cidr", field_kind::string},
                 {"service_ipv6_cidr", "serviceIpv6Cidr", field_kind::string}},
                a);
  }
  auto knc_list = list_of(std::move(knc), k && k->IsObject(), a);
  set_value(d, "kubernetes_network_config", knc_list);
  rapidjson::Value outpost(rapidjson::kObjectType);
  const auto* o = at(c, {"outpostConfig"});
  if (o && o->IsObject()) {
    copy_fields(outpost, *o,
                {{"control_plane_instance_type", "controlPlaneInstanceType", field_kind::string},
                 {"outpost_arns", "outpostArns", field_kind::string_set}},
                a);
    outpost.AddMember("control_plane_placement",
                      block(at(*o, {"controlPlanePlacement"}),
                            {{"group_name", "groupName", field_kind::string}}, a),
                      a);
  }
  auto outpost_list = list_of(std::move(outpost), o && o->IsObject(), a);
  set_value(d, "outpost_config", outpost_list);
  rapidjson::Value remote(rapidjson::kObjectType);
  const auto* rn = at(c, {"remoteNetworkConfig"});
  if (rn && rn->IsObject()) {
    remote.AddMember("remote_node_networks", cidr_blocks(at(*rn, {"remoteNodeNetworks"}), a), a);
    remote.AddMember("remote_pod_networks", cidr_blocks(at(*rn, {"remotePodNetworks"}), a), a);
  }
  auto remote_list = list_of(std::move(remote), rn && rn->IsObject(), a);
  set_value(d, "remote_network_config", remote_list);
  rapidjson::Value storage(rapidjson::kObjectType);
  const auto* sc = at(c, {"storageConfig"});
  if (sc && sc->IsObject())
    storage.AddMember(
        "block_storage",
        block(at(*sc, {"blockStorage"}), {{"enabled", "enabled", field_kind::boolean}}, a), a);
  auto storage_list = list_of(std::move(storage), sc && sc->IsObject(), a);
  set_value(d, "storage_config", storage_list);
  auto upgrade =
      block(at(c, {"upgradePolicy"}), {{"support_type", "supportType", field_kind::string}}, a);
  set_value(d, "upgrade_policy", upgrade);
  auto zonal = block(at(c, {"zonalShiftConfig"}), {{"enabled", "enabled", field_kind::boolean}}, a);
  set_value(d, "zonal_shift_config", zonal);
  rapidjson::Value vpc(rapidjson::kObjectType);
  const auto* v = at(c, {"resourcesVpcConfig"});
  if (v && v->IsObject())
    copy_fields(vpc, *v,
                {{"cluster_security_group_id", "clusterSecurityGroupId", field_kind::string},
                 {"endpoint_private_access", "endpointPrivateAccess", field_kind::boolean},
                 {"endpoint_public_access", "endpointPublicAccess", field_kind::boolean},
                 {"public_access_cidrs", "publicAccessCidrs", field_kind::string_set},
                 {"security_group_ids", "securityGroupIds", field_kind::string_set},
                 {"subnet_ids", "subnetIds", field_kind::string_set},
                 {"vpc_id", "vpcId", field_kind::string}},
                a);
  auto vpc_list = list_of(std::move(vpc), v && v->IsObject(), a);
  set_value(d, "vpc_config", vpc_list);
  set_tags(d, inst, lambda::string_map_at(c, {"tags"}));
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::eks::describe_cluster(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), aws::eks::is_missing);
  const auto* c = at(*r, {"cluster"});
  if (!c || !c->IsObject()) return live_resource::gone();
  auto d = new_object();
  read_cluster(*d, *c, inst);
  return live_resource::found(d);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  return list_ids(ctx, aws::eks::list_clusters);
}

const iam_actions permissions{{"eks:DescribeCluster"}, {"eks:ListClusters"}};

}  // namespace

const type_module& aws_eks_cluster_module() {
  static const type_module m{"aws_eks_cluster",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
