// aws_sqs_queue_policy: the queue's access policy, compared as IAM reads it (GetQueueAttributes,
// one call per queue); no policy, or no queue, is gone.
#include "registry.h"
#include "sns/attribute_map.h"
#include "sqs_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
};

const depth_claim depth{{"policy", "queue_url"}, {}};

const iam_actions permissions{{"sqs:GetQueueAttributes"}, {}};

}  // namespace

const type_module& aws_sqs_queue_policy_module() {
  static const type_module m = sqs::attribute_module(
      "aws_sqs_queue_policy", "Policy",
      [](const terraform::resource_instance&, const std::string& value) {
        auto d = new_object();
        set_string(*d, "policy", messaging::normalised_policy(value));
        return d;
      },
      &rules, &depth, &permissions);
  return m;
}

}  // namespace scanner::native
