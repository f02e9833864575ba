// The resource index: which workspace manages a resource. Every full scan writes one object
// per workspace, s3://$REPORT_BUCKET/index/<target>/<workspace>.json, naming each managed
// instance of its state (address, type, id, ARN) with the state's key and ETag; the live path
// reads them all to find the workspace a CloudTrail call's resource belongs to.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "terraform/state.h"

namespace scanner {

struct index_entry {
  std::string address;
  std::string type;
  std::string id;
  std::string arn;
};

struct workspace_index {
  std::string target;
  std::string workspace;
  std::string state_key;   // the state's full key in the target's state bucket
  std::string state_etag;  // the state's ETag when the scan read it
  std::string written_at;  // ISO 8601
  std::vector<index_entry> resources;
};

inline constexpr std::string_view index_prefix = "index/";
// index/<target>/<workspace>.json
std::string index_key(const std::string& target, const std::string& workspace);

// The managed instances of a state (data sources and deposed objects left out).
workspace_index index_of(const terraform::state& st, std::string target, std::string workspace,
                         std::string state_key, std::string state_etag, std::string written_at);
std::string index_json(const workspace_index& ix);
// Read through the guarded parser; error "InvalidIndex" when the object is not an index.
core::result<workspace_index> parse_index(std::string_view text);

// Writes the index of a workspace whose state a full scan read: the state's ETag (a HEAD on
// `state_session`) and its managed instances, to index/<target>/<workspace>.json in `bucket`
// with `s`. The error's text, empty when written.
struct target;
std::string write_resource_index(aws::session& s, const std::string& bucket,
                                 aws::session& state_session, const target& t,
                                 const std::string& workspace, const terraform::state& st);

// A resource found in an index: the workspace and the instance.
struct index_match {
  const workspace_index* workspace = nullptr;
  const index_entry* entry = nullptr;
};

// Every index of the report bucket, loaded once per invocation.
class resource_index {
 public:
  // Lists index/ once and reads each object, or takes it from a cache kept by ETag in the warm
  // container (the one cache of this module: an index changes once per scheduled scan).
  static core::result<resource_index, aws::error> load(aws::session& s, const std::string& bucket);
  explicit resource_index(std::vector<std::shared_ptr<const workspace_index>> all);

  // Instances of `type` whose id or ARN is `id_or_arn`.
  std::vector<index_match> find(std::string_view type, std::string_view id_or_arn) const;
  // Every instance of `type` (for types located by attribute values).
  std::vector<index_match> of_type(std::string_view type) const;
  const std::vector<std::shared_ptr<const workspace_index>>& workspaces() const { return all_; }

 private:
  std::vector<std::shared_ptr<const workspace_index>> all_;
};

}  // namespace scanner
