// Small helpers the type modules share: the per-instance read loop, listings of ids, tags in
// Terraform's shape, failures as not-checked answers, and batched EC2 reads by id filter.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "aws/ec2.h"
#include "json_util.h"
#include "type_module.h"

namespace scanner::native {

// `tags` and `tags_all` as the provider refreshes them without default_tags: the cloud's
// tags less the aws: ones; an empty map stays null where the state holds null.
void set_tags(rapidjson::Document& live, const terraform::resource_instance& inst,
              const std::map<std::string, std::string>& cloud_tags);

// `d` found with the tags a tag read answered; a failed tag read is gone when `missing` (if
// given) says the resource no longer exists, else not checked.
live_resource found_with_tags(
    const doc_ptr& d, const terraform::resource_instance& inst,
    const core::result<std::map<std::string, std::string>, aws::error>& tags,
    bool (*missing)(const aws::error&) = nullptr);

// The same answer for every instance of a batch whose call failed.
std::vector<live_resource> all_failed(size_t n, const aws::error& e);
live_resource failed(const aws::error& e);
// A failed call's answer: gone when `missing` says the resource no longer exists, else not
// checked.
live_resource gone_or_failed(const aws::error& e, bool (*missing)(const aws::error&));

// The answer for an instance the scan's deadline leaves unread, alone or for a whole batch.
live_resource deadline_reached();
std::vector<live_resource> all_deadline_reached(size_t n);

// `one` for each instance of the batch, in order; after the scan's deadline the rest are not
// checked, so a slow batch cannot hold the scan past it.
std::vector<live_resource> each_instance(
    const read_context& ctx, const instance_list& batch,
    const std::function<live_resource(const terraform::resource_instance&)>& one);

// The `read` of a module whose service has no batch read: each_instance of `read_one`.
using read_one_fn =
    std::function<live_resource(const read_context&, const terraform::resource_instance&)>;
decltype(type_module::read) one_by_one(read_one_fn read_one);

// Listed ids as resources found, each imported by its id.
std::vector<discovered> discovered_ids(const std::vector<std::string>& ids);

// The listing of a type whose one (counted) call answers every id, or every item `id_of`
// maps to its id.
template <typename Call>
core::result<std::vector<discovered>, aws::error> list_ids(const read_context& ctx, Call call) {
  ctx.count();
  auto ids = call(ctx.cloud);
  if (!ids) return ids.error();
  return discovered_ids(*ids);
}
template <typename Call, typename IdOf>
core::result<std::vector<discovered>, aws::error> list_ids(const read_context& ctx, Call call,
                                                           IdOf id_of) {
  ctx.count();
  auto items = call(ctx.cloud);
  if (!items) return items.error();
  std::vector<std::string> ids;
  for (const auto& i : *items) ids.push_back(id_of(i));
  return discovered_ids(ids);
}

// How many instances of this scan read `id` with its parent: the instance of `parent` with that
// id and those of types declaring `shares_reads_with = parent` whose `parent_id_of` is that id
// (a queue, its policy and its redrive policy: three readers of the queue's URL); 0 without a
// parent or without a part. Worked out once per scan and parent from the state, in the memo, so
// one parent type is always asked with the same `parent_id_of`. By default a part's parent id
// is its own id; a bucket part's is its `bucket` (its id may carry `,<owner>`).
using parent_id_fn = std::string (*)(const terraform::resource_instance&);
int readers_with_parent(const read_context& ctx, std::string_view parent, const std::string& id,
                        parent_id_fn parent_id_of = nullptr);

// The answer of `fetch` (which counts its call), asked once for `id`'s `call` when the parent
// and its parts all read it in this scan, else asked now.
template <typename Fetch>
auto shared_read(const read_context& ctx, std::string_view parent, const std::string& id,
                 std::string_view call, Fetch fetch) -> decltype(fetch()) {
  using answer = decltype(fetch());
  const int readers = readers_with_parent(ctx, parent, id);
  if (readers < 2) return fetch();
  return *read_once<answer>(ctx.memo, std::string(call) + ":" + id, readers, fetch);
}

// Every item of an EC2 Describe call filtered by `filter` = ids (MaxResults pages), keyed by
// the item's `id_field`. Ids that are not in the answer are gone.
core::result<std::map<std::string, pugi::xml_node>, aws::error> ec2_by_id(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& filter, const std::string& id_field, const instance_list& batch,
    aws::xml_response& keep);

// pugixml helpers: child text, "true" test, integer.
std::string xtext(const pugi::xml_node& n, const char* path);
bool xbool(const pugi::xml_node& n, const char* path);
long long xint(const pugi::xml_node& n, const char* path);

// A list of strings under <set><item><field>.
std::vector<std::string> xitems(const pugi::xml_node& n, const char* set, const char* field);

// Change locators (type_module::changes).
// The string at `path` (member names) of a CloudTrail request or response; "" when a step is
// absent or not of the expected type.
std::string string_at(const rapidjson::Value& v, std::initializer_list<const char*> path);
// One target per non-empty id, in order, each once.
std::vector<change_target> targets_of(const std::vector<std::string>& ids);

}  // namespace scanner::native
