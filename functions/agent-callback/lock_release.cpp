#include "lock_release.h"

#include "aws/dynamodb.h"

namespace callback {
namespace ddb = aws::dynamodb;

core::result<release_result, aws::error> release_lock(aws::session& s, const std::string& table,
                                                      const std::string& lock_id,
                                                      const std::string& owner) {
  ddb::delete_request r;
  r.table = table;
  r.key = {{"lock_id", lock_id}};
  r.condition = "#o = :owner";
  r.args.names = {{"#o", "owner"}};
  r.args.values = {{":owner", owner}};
  auto resp = ddb::delete_item(s, r);
  if (!resp) {
    if (ddb::is_condition_failed(resp.error())) return release_result::not_owner;
    return resp.error();
  }
  return release_result::released;
}

core::result<bool, aws::error> extend_lock(aws::session& s, const std::string& table,
                                           const std::string& lock_id, const std::string& owner,
                                           long long until, long long only_if_below) {
  ddb::update_request r;
  r.table = table;
  r.key = {{"lock_id", lock_id}};
  r.update = "SET #ttl = :ttl";
  r.condition = "#o = :owner AND #ttl < :below";
  r.args.names = {{"#o", "owner"}, {"#ttl", "ttl"}};
  r.args.values = {{":owner", owner}, {":ttl", until}, {":below", only_if_below}};
  auto resp = ddb::update_item(s, r);
  if (!resp) {
    if (ddb::is_condition_failed(resp.error())) return false;
    return resp.error();
  }
  return true;
}

}  // namespace callback
