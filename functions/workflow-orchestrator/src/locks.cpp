#include "locks.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"
#include "json_util.h"
#include "store/locks.h"

namespace orchestrator {
namespace {

core::result<std::optional<std::string>, aws::error> dynamodb_lock(aws::session& s,
                                                                   const deployment& d) {
  const std::string lock_id = d.terraform_lock_id();
  auto info = store::terraform_lock_info(s, d.lock_table, lock_id);
  if (!info) return info.error();
  if (!*info) return std::optional<std::string>();
  std::string holder = "dynamodb:" + d.lock_table + "/" + lock_id;
  if (!(*info)->empty()) holder += " " + **info;
  return std::optional<std::string>(holder);
}

core::result<std::optional<std::string>, aws::error> s3_lockfile(aws::session& s,
                                                                 const deployment& d) {
  const std::string key = d.full_state_key() + ".tflock";
  aws::rest_request req;
  req.method = "GET";
  req.path = "/" + aws::uri::encode(d.state_bucket) + "/" + aws::uri::encode(key, true);
  auto r = aws::rest_call(s, aws::services::s3, req);
  if (!r) {
    if (r.error().http_status == 404) return std::optional<std::string>();
    return r.error();
  }
  std::string holder = "s3://" + d.state_bucket + "/" + key;
  rapidjson::Document info;
  if (json::parse(r->body, info) && info.IsObject()) {
    const std::string who = json::string_member(info, "Who");
    const std::string op = json::string_member(info, "Operation");
    if (!who.empty() || !op.empty()) holder += " (" + op + " by " + who + ")";
  }
  return std::optional<std::string>(holder);
}

}  // namespace

core::result<std::optional<std::string>, aws::error> terraform_lock_holder(aws::session& s,
                                                                           const deployment& d) {
  if (d.state_bucket.empty() || d.state_key.empty()) return std::optional<std::string>();
  if (!d.lock_table.empty()) {
    auto held = dynamodb_lock(s, d);
    if (!held || *held) return held;
  }
  // Terraform 1.10+ locks with the S3 object; a backend without a lock table can only lock so.
  if (d.use_lockfile || d.lock_table.empty()) return s3_lockfile(s, d);
  return std::optional<std::string>();
}

}  // namespace orchestrator
