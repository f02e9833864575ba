// aws_ebs_volume: zone, size, type, encryption and its key, IOPS, throughput, snapshot,
// multi-attach, Outpost and tags, all from DescribeVolumes.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"availability_zone", "encrypted", "iops", "kms_key_id", "multi_attach_enabled", "outpost_arn",
     "size", "snapshot_id", "tags", "tags_all", "throughput", "type"},
    {{"final_snapshot", skip_kind::provider_only,
      "a deletion option of the provider, never read from EC2"}},
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
  // The provider stores an absent key, snapshot, Outpost or throughput as "" or 0.
  set_string(*d, "kms_key_id", xtext(item, "kmsKeyId"));
  set_string(*d, "snapshot_id", xtext(item, "snapshotId"));
  set_string(*d, "outpost_arn", xtext(item, "outpostArn"));
  set_int(*d, "throughput", xint(item, "throughput"));
  set_bool(*d, "multi_attach_enabled", xbool(item, "multiAttachEnabled"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeVolumes"}, {}};

}  // namespace

const type_module& aws_ebs_volume_module() {
  static const type_module m{"aws_ebs_volume",
                             [](const read_context& ctx, const instance_list& batch) {
                               return ec2::read_batch(ctx, batch, "DescribeVolumes", "volumeSet",
                                                      "volume-id", "volumeId", build);
                             },
                             &rules,
                             100,
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
                             },
                             &depth,
                             &permissions};
  return m;
}

}  // namespace scanner::native
