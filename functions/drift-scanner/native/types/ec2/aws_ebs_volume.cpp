// aws_ebs_volume: zone, size, type, encryption, IOPS and tags.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  const std::string status = xtext(item, "status");
  if (status == "deleting" || status == "deleted") return nullptr;
  auto d = new_object();
  set_string(*d, "availability_zone", xtext(item, "availabilityZone"));
  set_int(*d, "size", xint(item, "size"));
  set_string(*d, "type", xtext(item, "volumeType"));
  set_bool(*d, "encrypted", xbool(item, "encrypted"));
  if (item.child("iops")) set_int(*d, "iops", xint(item, "iops"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

}  // namespace

const type_module& aws_ebs_volume_module() {
  static const type_module m{"aws_ebs_volume",
                             [](const read_context& ctx, const instance_list& batch) {
                               return ec2::read_batch(ctx, batch, "DescribeVolumes", "volumeSet",
                                                      "volume-id", "volumeId", build);
                             },
                             &rules, 100,
                             [](const read_context& ctx) {
                               // Root and other delete-on-termination volumes belong to their
                               // instance.
                               return ec2::list_all(
                                   ctx, "DescribeVolumes", "volumeSet", "volumeId",
                                   [](const pugi::xml_node& i) {
                                     for (auto at : i.child("attachmentSet").children("item"))
                                       if (xbool(at, "deleteOnTermination")) return false;
                                     return true;
                                   });
                             }};
  return m;
}

}  // namespace scanner::native
