// aws_sns_topic_policy: the topic's access policy, compared as IAM reads it (GetTopicAttributes,
// one call per topic); a deleted topic is gone.
#include "attribute_map.h"
#include "aws/sns_read.h"
#include "registry.h"
#include "sns_common.h"

namespace scanner::native {
namespace {

using messaging::attr_kind;

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
};

const std::vector<messaging::attr_spec> attributes = {
    {"arn", "TopicArn", attr_kind::string},
    {"owner", "Owner", attr_kind::string},
    {"policy", "Policy", attr_kind::policy},
};

const depth_claim depth{{"arn", "policy"}, {}};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  auto attrs = sns::topic_attributes(ctx, inst.id);
  if (!attrs) return gone_or_failed(attrs.error(), aws::sns::is_not_found);
  auto d = new_object();
  messaging::set_attributes(*d, inst, *attrs, attributes);
  return live_resource::found(d);
}

const iam_actions permissions{{"sns:GetTopicAttributes"}, {}};

}  // namespace

const type_module& aws_sns_topic_policy_module() {
  static const type_module m{
      "aws_sns_topic_policy",
      one_by_one(read_one),
      &rules,
      20,
      {},
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/1,
      // The topic reads the same attributes: with it in the scan, one call serves both.
      /*shares_reads_with=*/"aws_sns_topic"};
  return m;
}

}  // namespace scanner::native
