#include "store/locks.h"

#include "aws/dynamodb.h"

namespace store {
namespace ddb = aws::dynamodb;

core::result<bool, aws::error> locks::take(const lock_request& r) {
  const auto now = core::time::epoch_seconds(r.now);
  ddb::put_request p;
  p.table = table_;
  p.attributes = {{"lock_id", r.lock_id},
                  {"owner", r.owner},
                  {"locked_by", "workflow-orchestrator"},
                  {"locked_at", core::time::iso8601(r.now)},
                  {"resource_arn", r.resource_arn},
                  {"ttl", now + r.ttl.count()}};
  if (!r.remediation_id.empty()) p.attributes["remediation_id"] = r.remediation_id;
  p.condition = "attribute_not_exists(lock_id) OR #ttl < :now OR #owner = :owner";
  p.args.names = {{"#ttl", "ttl"}, {"#owner", "owner"}};
  p.args.values = {{":now", now}, {":owner", r.owner}};
  auto put = ddb::put_item(s_, p);
  if (put) return true;
  if (ddb::is_condition_failed(put.error())) return false;
  return put.error();
}

core::result<std::optional<lock_holder>, aws::error> locks::holder(const std::string& lock_id,
                                                                   core::time::time_point now) {
  auto got = ddb::get_item(s_, table_, {{"lock_id", lock_id}}, true);
  if (!got) return got.error();
  if (!*got) return std::optional<lock_holder>();
  const ddb::item& it = **got;
  // Expired items linger until DynamoDB deletes them: such a lock is free.
  if (ddb::get_int(it, "ttl").value_or(0) < core::time::epoch_seconds(now))
    return std::optional<lock_holder>();
  return std::optional<lock_holder>(
      lock_holder{ddb::get_s(it, "owner"), ddb::get_s(it, "remediation_id")});
}

core::result<bool, aws::error> locks::extend(const std::string& lock_id, const std::string& owner,
                                             long long until, long long only_if_below) {
  ddb::update_request u;
  u.table = table_;
  u.key = {{"lock_id", lock_id}};
  u.update = "SET #ttl = :ttl";
  u.condition = "#o = :owner AND #ttl < :below";
  u.args.names = {{"#o", "owner"}, {"#ttl", "ttl"}};
  u.args.values = {{":owner", owner}, {":ttl", until}, {":below", only_if_below}};
  auto r = ddb::update_item(s_, u);
  if (r) return true;
  if (ddb::is_condition_failed(r.error())) return false;
  return r.error();
}

core::result<release_result, aws::error> locks::release(const std::string& lock_id,
                                                        const std::string& owner) {
  ddb::delete_request d;
  d.table = table_;
  d.key = {{"lock_id", lock_id}};
  d.condition = "#o = :owner";
  d.args.names = {{"#o", "owner"}};
  d.args.values = {{":owner", owner}};
  auto r = ddb::delete_item(s_, d);
  if (r) return release_result::released;
  if (ddb::is_condition_failed(r.error())) return release_result::not_owner;
  return r.error();
}

core::result<std::optional<std::string>, aws::error> terraform_lock_info(
    aws::session& s, const std::string& lock_table, const std::string& lock_id) {
  auto got = ddb::get_item(s, lock_table, {{"LockID", lock_id}}, true);
  if (!got) return got.error();
  if (!*got) return std::optional<std::string>();
  return std::optional<std::string>(ddb::get_s(**got, "Info"));
}

}  // namespace store
