// aws_sqs_queue_redrive_policy: the queue's redrive policy (dead-letter queue and receive
// count) from GetQueueAttributes, one call per queue; no redrive policy, or no queue, is gone.
#include "registry.h"
#include "sns/attribute_map.h"
#include "sqs_common.h"

namespace scanner::native {
namespace {

// The provider keeps the stored text while it is JSON-equal to SQS's, so key order and
// whitespace never show: no rule is needed.
const std::vector<rule> rules = {};

const depth_claim depth{{"queue_url", "redrive_policy"}, {}};

const iam_actions permissions{{"sqs:GetQueueAttributes"}, {}};

}  // namespace

const type_module& aws_sqs_queue_redrive_policy_module() {
  static const type_module m = sqs::attribute_module(
      "aws_sqs_queue_redrive_policy", "RedrivePolicy",
      [](const terraform::resource_instance& inst, const std::string& value) {
        auto d = new_object();
        set_string(*d, "redrive_policy",
                   messaging::kept_if_json_equal(inst, "redrive_policy", value));
        return d;
      },
      &rules, &depth, &permissions);
  return m;
}

}  // namespace scanner::native
