#include "change_batch.h"

#include "change_event.h"
#include "core/json.h"

namespace scanner {

namespace json = core::json;

std::optional<std::vector<change_message>> change_messages(std::string_view payload) {
  auto parsed = json::parse(payload);
  if (!parsed || !parsed->IsObject()) return std::nullopt;
  const rapidjson::Value& d = *parsed;
  if (json::string_member(d, "detail-type") == cloudtrail_detail_type)
    return std::vector<change_message>{{json::string_member(d, "id"), std::string(payload)}};
  const auto* records = json::member(d, "Records");
  if (!records || !records->IsArray() || records->Empty()) return std::nullopt;
  // Lambda's SQS batches are uniform: the first record says whose they are.
  if (json::string_member((*records)[0], "eventSource") != "aws:sqs") return std::nullopt;
  std::vector<change_message> out;
  for (const auto& r : records->GetArray())
    out.push_back({json::string_member(r, "messageId"), json::string_member(r, "body")});
  return out;
}

}  // namespace scanner
