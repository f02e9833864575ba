// aws_cloudwatch_event_bus: a custom event bus's description, encryption key, dead-letter
// queue and tags (DescribeEventBus and ListTagsForResource, one bus per call).
#include "aws/events_read.h"
#include "events_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace events;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
};

const depth_claim depth{
    {"dead_letter_config", "description", "kms_key_identifier", "name", "tags", "tags_all"},
    {
        {"event_source_name", skip_kind::create_only,
         "the partner event source a bus is created from: a change replaces the bus, and "
         "the provider never reads it back"},
    },
    false,
    {"description", "kms_key_identifier"},
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::events::describe_event_bus(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), not_found);
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string arn = str_at(*r, {"Arn"});
  set_string(*d, "arn", arn);
  set_string(*d, "name", str_at(*r, {"Name"}));
  set_string(*d, "description", str_at(*r, {"Description"}));
  set_string(*d, "kms_key_identifier", str_at(*r, {"KmsKeyIdentifier"}));
  const auto* dlq = member(*r, "DeadLetterConfig");
  rapidjson::Value block(rapidjson::kObjectType);
  block.AddMember("arn", string_value(str_at(*r, {"DeadLetterConfig", "Arn"}), a), a);
  set_block(*d, "dead_letter_config", dlq && dlq->IsObject() ? &block : nullptr);
  if (auto t = read_tags(ctx, *d, inst, arn); !t) return failed(t.error());
  return live_resource::found(d);
}

// Every bus but the default one (AWS's own, never created by a configuration).
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto buses = aws::events::list_event_buses(ctx.cloud);
  if (!buses) return buses.error();
  std::vector<discovered> out;
  for (const auto& b : *buses) {
    const std::string name = str_at(b, {"Name"});
    if (!name.empty() && name != "default") out.push_back({name, name, {}});
  }
  return out;
}

const iam_actions permissions{{"events:DescribeEventBus", "events:ListTagsForResource"},
                              {"events:ListEventBuses"}};

}  // namespace

const type_module& aws_cloudwatch_event_bus_module() {
  static const type_module m{"aws_cloudwatch_event_bus",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
