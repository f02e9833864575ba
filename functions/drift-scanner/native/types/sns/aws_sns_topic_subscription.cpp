// aws_sns_topic_subscription: every attribute GetSubscriptionAttributes returns (topic,
// protocol, endpoint, the filter, delivery, redrive and replay policies, raw delivery, the
// Firehose role) in the provider's attribute map; one call per subscription.
#include "attribute_map.h"
#include "aws/sns_read.h"
#include "registry.h"

namespace scanner::native {
namespace {

using messaging::attr_kind;

const std::vector<rule> rules = {};

// The four JSON documents are kept as stored while JSON-equal to SNS's (the provider's
// DiffSuppressOnRefresh on each of them).
const std::vector<messaging::attr_spec> attributes = {
    {"arn", "SubscriptionArn", attr_kind::string},
    {"confirmation_was_authenticated", "ConfirmationWasAuthenticated", attr_kind::boolean},
    {"delivery_policy", "DeliveryPolicy", attr_kind::json_kept_if_equal},
    {"endpoint", "Endpoint", attr_kind::string},
    {"filter_policy", "FilterPolicy", attr_kind::json_kept_if_equal},
    {"filter_policy_scope", "FilterPolicyScope", attr_kind::string},
    {"owner_id", "Owner", attr_kind::string},
    {"pending_confirmation", "PendingConfirmation", attr_kind::boolean},
    {"protocol", "Protocol", attr_kind::string},
    {"raw_message_delivery", "RawMessageDelivery", attr_kind::boolean},
    {"redrive_policy", "RedrivePolicy", attr_kind::json_kept_if_equal},
    {"replay_policy", "ReplayPolicy", attr_kind::json_kept_if_equal},
    {"subscription_role_arn", "SubscriptionRoleArn", attr_kind::string},
    {"topic_arn", "TopicArn", attr_kind::string},
};

const depth_claim depth{
    {"delivery_policy", "endpoint", "filter_policy", "filter_policy_scope", "protocol",
     "raw_message_delivery", "redrive_policy", "replay_policy", "subscription_role_arn",
     "topic_arn"},
    {{"confirmation_timeout_in_minutes", skip_kind::provider_only,
      "how long the provider waits for an HTTP(S) confirmation at creation; SNS does not keep it"},
     {"endpoint_auto_confirms", skip_kind::provider_only,
      "tells the provider whether to wait for an HTTP(S) confirmation; SNS does not keep it"}},
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto attrs = aws::sns::get_subscription_attributes(ctx.cloud, inst.id);
  if (!attrs) return gone_or_failed(attrs.error(), aws::sns::is_not_found);
  if (attrs->empty()) return live_resource::gone();
  auto d = new_object();
  messaging::set_attributes(*d, inst, *attrs, attributes);
  return live_resource::found(d);
}

const iam_actions permissions{{"sns:GetSubscriptionAttributes"}, {}};

}  // namespace

const type_module& aws_sns_topic_subscription_module() {
  static const type_module m{"aws_sns_topic_subscription",
                             one_by_one(read_one),
                             &rules,
                             20,
                             {},
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
