// aws_network_acl: VPC, associated subnets, tags and the ingress/egress entry sets in the
// provider's shape (one object per entry, protocols as numbers, AWS's default deny entries
// left out), all from DescribeNetworkAcls.
#include "nacl_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"ingress", rule_kind::set_order, "a Terraform set: entry order is not a change"},
    {"egress", rule_kind::set_order, "a Terraform set: entry order is not a change"},
    {"subnet_ids", rule_kind::set_order, "a Terraform set: subnet order is not a change"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"egress", "ingress", "subnet_ids", "tags", "tags_all", "vpc_id"},
    {},
};

rapidjson::Value entries(const pugi::xml_node& item, bool egress,
                         rapidjson::Document::AllocatorType& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (auto e : item.child("entrySet").children("item")) {
    if (xbool(e, "egress") != egress || network::is_default_nacl_entry(e)) continue;
    rapidjson::Value o;
    if (network::nacl_entry_object(e, o, a)) out.PushBack(o, a);
  }
  return out;
}

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "vpc_id", xtext(item, "vpcId"));
  set_string_list(*d, "subnet_ids", xitems(item, "associationSet", "subnetId"));
  auto ingress = entries(item, false, a);
  set_value(*d, "ingress", ingress);
  auto egress = entries(item, true, a);
  set_value(*d, "egress", egress);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

// By id (NetworkAclId.N) as the provider reads an ACL.
std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<std::string> ids;
  for (const auto* inst : batch) ids.push_back(inst->id);
  std::vector<aws::xml_response> keep;
  auto items = network::describe_ids(ctx, "DescribeNetworkAcls", "NetworkAclId", "networkAclSet",
                                     ids, "networkAclId", keep);
  if (!items) return all_failed(batch.size(), items.error());
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    auto it = items->find(inst->id);
    out.push_back(it == items->end() ? live_resource::gone()
                                     : live_resource::found(build(ctx, *inst, it->second)));
  }
  return out;
}

const iam_actions permissions{{"ec2:DescribeNetworkAcls"}, {}};

const change_locator changes{
    ec2::event_source,
    {"CreateNetworkAclEntry", "ReplaceNetworkAclEntry", "DeleteNetworkAclEntry",
     "ReplaceNetworkAclAssociation", "CreateTags", "DeleteTags", "DeleteNetworkAcl"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "acl-"));
      // ReplaceNetworkAclAssociation names the ACL a subnet moves to, not the one it leaves.
      return targets_of({ec2::request_param(c, "networkAclId")});
    }};

}  // namespace

const type_module& aws_network_acl_module() {
  static const type_module m{"aws_network_acl",
                             read,
                             &rules,
                             100,
                             [](const read_context& ctx) {
                               // Every VPC's default ACL is AWS's own (aws_default_network_acl
                               // adopts it).
                               return ec2::list_all(
                                   ctx, "DescribeNetworkAcls", "networkAclSet", "networkAclId",
                                   [](const pugi::xml_node& i) { return !xbool(i, "default"); });
                             },
                             &depth,
                             &permissions,
                             &changes};
  return m;
}

}  // namespace scanner::native
