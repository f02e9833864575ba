#include "state_fetch.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "aws/s3.h"
#include "aws_calls.h"

namespace scanner {

namespace {

core::error from_aws(const aws::error& e, const std::string& what) {
  return core::error{e.code.empty() ? "AwsError" : e.code, what + ": " + e.describe()};
}

// Warm-container cache, on purpose: parsed states by location and ETag. The live path checks
// the same workspaces many times an hour; the HEAD made anyway tells whether a state changed.
// States above kCachedStateBytes are not kept (a container's memory is the function's).
constexpr long long kCachedStateBytes = 32LL * 1024 * 1024;
std::mutex state_cache_mu;
std::map<std::string, std::pair<std::string, terraform::state>> state_cache;

}  // namespace

core::result<terraform::state> fetch_state(aws::session& s, const target& t,
                                           const std::string& workspace, long long max_bytes) {
  const std::string key = t.state_key_of(workspace);
  const std::string where = "s3://" + t.state.bucket + "/" + key;
  auto head = aws::s3::head_object(s, t.state.bucket, key);
  if (head && head->size > max_bytes)
    return core::error{"StateTooLarge",
                       "state at " + where + " is " + std::to_string(head->size / (1024 * 1024)) +
                           " MB; at most " + std::to_string(max_bytes / (1024 * 1024)) +
                           " MB are read (MAX_STATE_MB)"};
  if (head && !head->etag.empty()) {
    std::lock_guard<std::mutex> lock(state_cache_mu);
    if (auto hit = state_cache.find(where);
        hit != state_cache.end() && hit->second.first == head->etag)
      return hit->second.second;
  }
  auto got = aws::s3::get_object(s, t.state.bucket, key);
  if (!got && aws::s3::is_not_found(got.error()))
    return core::error{"StateNotFound", "no state at " + where};
  if (!got) return from_aws(got.error(), "cannot read state " + where);
  auto st = terraform::parse_state(got->body);
  if (!st)
    return core::error{"InvalidState",
                       "state at " + where + " is unreadable: " + st.error().message};
  if (!got->etag.empty() && static_cast<long long>(got->body.size()) <= kCachedStateBytes) {
    std::lock_guard<std::mutex> lock(state_cache_mu);
    state_cache[where] = {got->etag, st.value()};
  }
  return std::move(st.value());
}

core::result<std::vector<std::string>> discover_workspaces(aws::session& s, const target& t) {
  auto under = aws_calls::s3_list(s, t.state.bucket, t.state.workspace_key_prefix + "/");
  if (!under) return from_aws(under.error(), "cannot list s3://" + t.state.bucket);
  auto at_key = aws_calls::s3_list(s, t.state.bucket, t.state.key);
  if (!at_key) return from_aws(at_key.error(), "cannot list s3://" + t.state.bucket);
  auto keys = std::move(under.value());
  keys.insert(keys.end(), at_key.value().begin(), at_key.value().end());
  return workspaces_in_listing(t, keys);
}

core::result<std::vector<std::string>> target_workspaces(aws::session* s, const target& t) {
  if (!t.state.workspaces.empty()) return t.state.workspaces;
  if (!s) return core::error{"NoSession", "no AWS session to list workspaces"};
  auto found = discover_workspaces(*s, t);
  if (!found) return found.error();
  if (found->empty())
    return core::error{"StateNotFound", "no state under s3://" + t.state.bucket + "/" +
                                            t.state.workspace_key_prefix + "/ nor at " +
                                            t.state.key};
  return found;
}

core::result<std::string> read_source(aws::session* s, const std::string& where) {
  if (auto uri = aws_calls::parse_s3_uri(where)) {
    if (!s) return core::error{"NoSession", "no AWS session to read " + where};
    auto got = aws_calls::s3_get(*s, uri->first, uri->second);
    if (!got) return from_aws(got.error(), "cannot read " + where);
    if (!got.value()) return core::error{"NotFound", "no object at " + where};
    return std::move(*got.value());
  }
  std::ifstream in(where, std::ios::binary);
  if (!in) return core::error{"NotFound", "cannot open " + where};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace scanner
