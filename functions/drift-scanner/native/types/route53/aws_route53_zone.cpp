// aws_route53_zone: a hosted zone's comment, reusable delegation set, associated VPCs (private
// zones) and tags, as the provider refreshes them: GetHostedZone, then ListTagsForResource.
// Two calls per zone: Route 53 has no batch read. Listed with ListHostedZones.
#include "aws/route53.h"
#include "module_util.h"
#include "registry.h"
#include "route53_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"vpc", rule_kind::set_order,
     "a Terraform set: the order Route 53 lists the VPCs in is not a change"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from Route 53"},
};

const depth_claim depth{
    {"comment", "delegation_set_id", "name", "tags", "tags_all", "vpc"},
    {
        {"force_destroy", skip_kind::provider_only,
         "whether destroy first deletes every record set: never sent to AWS"},
    },
};

rapidjson::Value vpcs_of(const pugi::xml_node& root, rapidjson::Document::AllocatorType& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto v : root.child("VPCs").children("VPC")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("vpc_id", string_value(v.child_value("VPCId"), a), a);
    o.AddMember("vpc_region", string_value(v.child_value("VPCRegion"), a), a);
    list.PushBack(o, a);
  }
  return list;
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto zone = aws::route53::get_hosted_zone(ctx.cloud, inst.id);
  if (!zone) return gone_or_failed(zone.error(), aws::route53::is_not_found);
  const auto root = zone->result;
  const auto hz = root.child("HostedZone");
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "comment", hz.child("Config").child_value("Comment"));
  // A zone on AWS's own name servers answers a DelegationSet without an Id: the provider
  // then keeps "".
  set_string(*d, "delegation_set_id",
             aws::route53::bare_id(root.child("DelegationSet").child_value("Id")));
  set_string(*d, "name", route53::canonical_name(hz.child_value("Name")));
  auto vpcs = vpcs_of(root, a);
  set_value(*d, "vpc", vpcs);

  ctx.count();
  return found_with_tags(d, inst, aws::route53::list_zone_tags(ctx.cloud, inst.id),
                         aws::route53::is_not_found);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  int pages = 0;
  auto zones = aws::route53::list_hosted_zones(ctx.cloud, &pages);
  ctx.count(pages);
  if (!zones) return zones.error();
  std::vector<discovered> out;
  for (const auto& z : *zones) out.push_back({z.id, z.id, {}});
  return out;
}

const iam_actions permissions{{"route53:GetHostedZone", "route53:ListTagsForResource"},
                              {"route53:ListHostedZones"}};

// Route 53 is global: CloudTrail records its calls in us-east-1. Zone ids may be sent with
// their "/hostedzone/" path.
const change_locator changes{
    "route53.amazonaws.com",
    {"UpdateHostedZoneComment", "ChangeTagsForResource", "AssociateVPCWithHostedZone",
     "DisassociateVPCFromHostedZone", "DeleteHostedZone"},
    [](const change_call& c) -> std::vector<change_target> {
      if (c.event_name == "ChangeTagsForResource") {
        if (string_at(c.request, {"resourceType"}) != "hostedzone") return {};
        return targets_of({aws::route53::bare_id(string_at(c.request, {"resourceId"}))});
      }
      std::string id = string_at(c.request, {"id"});
      if (id.empty()) id = string_at(c.request, {"hostedZoneId"});
      return targets_of({aws::route53::bare_id(id)});
    },
    true};

}  // namespace

const type_module& aws_route53_zone_module() {
  static const type_module m{"aws_route53_zone",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             &changes,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
