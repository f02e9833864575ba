// aws_route53_zone: a hosted zone's comment, reusable delegation set, associated VPCs (private
// zones) and tags, as the provider refreshes them: GetHostedZone per zone (Route 53 has no
// batch read of zones), then the batch's tags in one ListTagsForResources (up to 10 zones).
// Listed with ListHostedZones.
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

// GetHostedZone: the zone's attributes but its tags (`attrs` null when the zone is gone or was
// not read).
struct zone_read {
  live_resource answer;
  doc_ptr attrs;
};

zone_read read_zone(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto zone = aws::route53::get_hosted_zone(ctx.cloud, inst.id);
  if (!zone) return {gone_or_failed(zone.error(), aws::route53::is_not_found), nullptr};
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
  return {live_resource::found(d), d};
}

// Each zone's GetHostedZone, then the found zones' tags in one ListTagsForResources per batch
// (the provider asks ListTagsForResource zone by zone). A zone deleted between the two calls
// fails the batch call, and so does a scan role without ListTagsForResources: the batch's tags
// are then asked zone by zone.
std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<live_resource> out(batch.size());
  std::vector<doc_ptr> attrs(batch.size());
  std::vector<std::string> found_ids;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (ctx.past_deadline()) {
      out[i] = deadline_reached();
      continue;
    }
    auto z = read_zone(ctx, *batch[i]);
    out[i] = std::move(z.answer);
    attrs[i] = z.attrs;
    if (attrs[i]) found_ids.push_back(batch[i]->id);
  }
  if (found_ids.empty()) return out;
  ctx.count();
  const auto tags = aws::route53::list_zones_tags(ctx.cloud, found_ids);
  // Zone by zone when a zone went away meanwhile (the batch call fails for all), or when the
  // scan role predates route53:ListTagsForResources (a policy not re-applied since): then at
  // the provider's cost, still compared.
  const bool one_by_one =
      !tags && ((found_ids.size() > 1 && aws::route53::is_not_found(tags.error())) ||
                tags.error().code == "AccessDenied");
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!attrs[i]) continue;
    const auto& inst = *batch[i];
    if (one_by_one) {
      ctx.count();
      out[i] = found_with_tags(attrs[i], inst, aws::route53::list_zone_tags(ctx.cloud, inst.id),
                               aws::route53::is_not_found);
      continue;
    }
    if (!tags) {
      out[i] = gone_or_failed(tags.error(), aws::route53::is_not_found);
      continue;
    }
    auto it = tags->find(aws::route53::bare_id(inst.id));
    out[i] = found_with_tags(attrs[i], inst,
                             it == tags->end() ? std::map<std::string, std::string>{} : it->second);
  }
  return out;
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

const iam_actions permissions{
    {"route53:GetHostedZone", "route53:ListTagsForResources", "route53:ListTagsForResource"},
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
  static const type_module m{"aws_route53_zone", read, &rules,
                             // ListTagsForResources takes up to 10 zones.
                             10, list, &depth, &permissions, &changes,
                             /*calls_per_batch=*/1,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
