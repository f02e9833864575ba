// aws_dynamodb_table: billing, keys, attributes, capacity, streams, class, deletion
// protection, point-in-time recovery, TTL and tags (four calls per table: DynamoDB has no
// batch describe).
#include "aws/dynamodb.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"attribute", rule_kind::set_order, "a Terraform set of attribute definitions"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from DynamoDB"},
};

const rapidjson::Value* at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const rapidjson::Value* cur = &v;
  for (const char* p : path) {
    cur = member(*cur, p);
    if (!cur) return nullptr;
  }
  return cur;
}

std::string str_at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const auto* x = at(v, path);
  return x && x->IsString() ? x->GetString() : "";
}

long long int_at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const auto* x = at(v, path);
  return x && x->IsNumber() ? x->GetInt64() : 0;
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto t = aws::dynamodb::describe_table(ctx.cloud, inst.id);
  if (!t) {
    if (t.error().code == "ResourceNotFoundException") return live_resource::gone();
    return failed(t.error());
  }
  const auto* table = member(*t, "Table");
  if (!table) return live_resource::gone();
  if (str_at(*table, {"TableStatus"}) == "DELETING") return live_resource::gone();
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string billing = str_at(*table, {"BillingModeSummary", "BillingMode"});
  set_string(*d, "billing_mode", billing.empty() ? "PROVISIONED" : billing);
  std::string hash, range;
  if (const auto* ks = member(*table, "KeySchema"); ks && ks->IsArray())
    for (const auto& k : ks->GetArray())
      (str_at(k, {"KeyType"}) == "HASH" ? hash : range) = str_at(k, {"AttributeName"});
  set_string(*d, "hash_key", hash);
  if (range.empty())
    set_null(*d, "range_key");
  else
    set_string(*d, "range_key", range);
  rapidjson::Value attrs(rapidjson::kArrayType);
  if (const auto* ad = member(*table, "AttributeDefinitions"); ad && ad->IsArray())
    for (const auto& x : ad->GetArray()) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("name", string_value(str_at(x, {"AttributeName"}), a), a);
      o.AddMember("type", string_value(str_at(x, {"AttributeType"}), a), a);
      attrs.PushBack(o, a);
    }
  set_value(*d, "attribute", attrs);
  set_int(*d, "read_capacity", int_at(*table, {"ProvisionedThroughput", "ReadCapacityUnits"}));
  set_int(*d, "write_capacity", int_at(*table, {"ProvisionedThroughput", "WriteCapacityUnits"}));
  const auto* stream = at(*table, {"StreamSpecification", "StreamEnabled"});
  set_bool(*d, "stream_enabled", stream && stream->IsBool() && stream->GetBool());
  const std::string cls = str_at(*table, {"TableClassSummary", "TableClass"});
  set_string(*d, "table_class", cls.empty() ? "STANDARD" : cls);
  const auto* dp = member(*table, "DeletionProtectionEnabled");
  set_bool(*d, "deletion_protection_enabled", dp && dp->IsBool() && dp->GetBool());

  ctx.count();
  auto pitr = aws::dynamodb::describe_continuous_backups(ctx.cloud, inst.id);
  if (!pitr) return failed(pitr.error());
  {
    const auto* desc =
        at(*pitr, {"ContinuousBackupsDescription", "PointInTimeRecoveryDescription"});
    rapidjson::Value o(rapidjson::kObjectType);
    const bool on = desc && str_at(*desc, {"PointInTimeRecoveryStatus"}) == "ENABLED";
    o.AddMember("enabled", on, a);
    const auto* days = desc ? member(*desc, "RecoveryPeriodInDays") : nullptr;
    // The provider reports the retention period only while recovery is on.
    o.AddMember("recovery_period_in_days",
                rapidjson::Value(static_cast<int64_t>(
                    on ? (days && days->IsNumber() ? days->GetInt64() : 35) : 0)),
                a);
    rapidjson::Value list(rapidjson::kArrayType);
    list.PushBack(o, a);
    set_value(*d, "point_in_time_recovery", list);
  }

  ctx.count();
  auto ttl = aws::dynamodb::describe_time_to_live(ctx.cloud, inst.id);
  if (!ttl) return failed(ttl.error());
  {
    rapidjson::Value o(rapidjson::kObjectType);
    const std::string status = str_at(*ttl, {"TimeToLiveDescription", "TimeToLiveStatus"});
    o.AddMember("attribute_name",
                string_value(str_at(*ttl, {"TimeToLiveDescription", "AttributeName"}), a), a);
    o.AddMember("enabled", status == "ENABLED" || status == "ENABLING", a);
    rapidjson::Value list(rapidjson::kArrayType);
    list.PushBack(o, a);
    set_value(*d, "ttl", list);
  }

  ctx.count();
  auto tags = aws::dynamodb::list_tags_of_resource(ctx.cloud, str_at(*table, {"TableArn"}));
  if (!tags) return failed(tags.error());
  set_tags(*d, inst, *tags);
  return live_resource::found(d);
}

}  // namespace

const type_module& aws_dynamodb_table_module() {
  static const type_module m{
      "aws_dynamodb_table",
      [](const read_context& ctx, const instance_list& batch) {
        std::vector<live_resource> out;
        for (const auto* inst : batch)
          out.push_back(ctx.past_deadline() ? live_resource::unchecked("scan deadline reached")
                                            : read_one(ctx, *inst));
        return out;
      },
      &rules, 4,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        ctx.count();
        auto names = aws::dynamodb::list_tables(ctx.cloud);
        if (!names) return names.error();
        std::vector<discovered> out;
        for (const auto& n : *names) out.push_back({n, n, {}});
        return out;
      }};
  return m;
}

}  // namespace scanner::native
