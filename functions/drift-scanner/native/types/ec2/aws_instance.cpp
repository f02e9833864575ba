// aws_instance: type, image, placement, network, state and tags. A terminated instance is
// gone, as the provider treats it.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"public_ip", rule_kind::ignore,
     "AWS-assigned: a stop/start gives a new public address (computed-only)"},
    {"public_dns", rule_kind::ignore, "AWS-assigned with public_ip (computed-only)"},
    {"vpc_security_group_ids", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  const std::string state = xtext(item, "instanceState/name");
  if (state == "terminated" || state == "shutting-down") return nullptr;
  auto d = new_object();
  set_string(*d, "ami", xtext(item, "imageId"));
  set_string(*d, "instance_type", xtext(item, "instanceType"));
  set_string(*d, "availability_zone", xtext(item, "placement/availabilityZone"));
  set_string(*d, "tenancy", xtext(item, "placement/tenancy"));
  set_string(*d, "subnet_id", xtext(item, "subnetId"));
  set_string(*d, "private_ip", xtext(item, "privateIpAddress"));
  set_string(*d, "public_ip", xtext(item, "ipAddress"));
  set_string(*d, "public_dns", xtext(item, "dnsName"));
  set_string(*d, "key_name", xtext(item, "keyName"));
  set_string(*d, "instance_state", state);
  set_bool(*d, "monitoring", xtext(item, "monitoring/state") == "enabled");
  set_bool(*d, "ebs_optimized", xbool(item, "ebsOptimized"));
  set_bool(*d, "source_dest_check", xtext(item, "sourceDestCheck") != "false");
  auto groups = xitems(item, "groupSet", "groupId");
  std::sort(groups.begin(), groups.end());
  set_string_list(*d, "vpc_security_group_ids", groups);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

}  // namespace

const type_module& aws_instance_module() {
  static const type_module m{
      "aws_instance",
      [](const read_context& ctx, const instance_list& batch) {
        // DescribeInstances nests instances in reservations: flatten them for the reader.
        aws::ec2::describe_request req;
        aws::ec2::filter f{"instance-id", {}};
        for (const auto* i : batch) f.values.push_back(i->id);
        req.filters.push_back(std::move(f));
        ctx.count();
        auto r = aws::ec2::describe_instances(ctx.cloud, req);
        if (!r) return all_failed(batch.size(), r.error());
        std::map<std::string, pugi::xml_node> by_id;
        for (auto res : r->result.children("item"))
          for (auto i : res.child("instancesSet").children("item"))
            by_id[xtext(i, "instanceId")] = i;
        std::vector<live_resource> out;
        for (const auto* inst : batch) {
          auto it = by_id.find(inst->id);
          doc_ptr d = it == by_id.end() ? nullptr : build(ctx, *inst, it->second);
          out.push_back(d ? live_resource::found(std::move(d)) : live_resource::gone());
        }
        return out;
      },
      &rules, 100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        ctx.count();
        aws::ec2::describe_request req;
        req.page_size = 1000;
        auto r = aws::ec2::describe_instances(ctx.cloud, req);
        if (!r) return r.error();
        std::vector<discovered> out;
        for (auto res : r->result.children("item"))
          for (auto i : res.child("instancesSet").children("item")) {
            const std::string st = xtext(i, "instanceState/name");
            if (st == "terminated" || st == "shutting-down") continue;
            const std::string id = xtext(i, "instanceId");
            out.push_back({id, id, aws::ec2::tags_of(i)});
          }
        return out;
      }};
  return m;
}

}  // namespace scanner::native
