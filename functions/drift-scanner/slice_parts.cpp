#include "slice_parts.h"

#include <algorithm>
#include <map>

#include "aws/s3.h"
#include "core/json.h"
#include "drift/report.h"

namespace scanner {

namespace {

std::string run_prefix(const std::string& target, const std::string& workspace,
                       const std::string& run) {
  return "slices/" + target + "/" + workspace + "/" + run + "/";
}

drift::report as_report(const findings& f, const std::string& started_at) {
  drift::report r;
  r.started_at = started_at;
  r.engine = f.engine;
  r.incomplete = f.incomplete;
  r.summary.resources_scanned = f.resources_scanned;
  for (const auto& d : f.drifts) {
    drift::drift_item item;
    item.address = d.address;
    item.type = d.type;
    item.id = d.id;
    item.arn = d.arn;
    item.change = d.change;
    item.attributes = d.attributes;
    item.tags = d.tags;
    r.drifts.push_back(std::move(item));
  }
  r.not_checked = f.not_checked;
  r.suppressed = f.suppressed;
  r.coverage = f.coverage;
  r.errors = f.errors;
  return r;
}

}  // namespace

std::string slice_part_key(const std::string& target, const std::string& workspace,
                           const slice_spec& s) {
  return run_prefix(target, workspace, s.run) + std::to_string(s.index) + ".json";
}

std::string findings_to_json(const findings& f, const std::string& started_at) {
  return drift::to_json(as_report(f, started_at));
}

core::result<findings> findings_from_json(std::string_view json, std::string* started_at) {
  auto r = drift::parse_report(json);
  if (!r) return r.error();
  findings f;
  f.engine = r->engine;
  f.incomplete = r->incomplete;
  f.resources_scanned = r->summary.resources_scanned;
  for (auto& d : r->drifts)
    f.drifts.push_back({std::move(d.address), std::move(d.type), std::move(d.id), std::move(d.arn),
                        d.change, std::move(d.attributes), std::move(d.tags)});
  f.not_checked = std::move(r->not_checked);
  f.suppressed = std::move(r->suppressed);
  f.coverage = std::move(r->coverage);
  f.errors = std::move(r->errors);
  if (started_at) *started_at = r->started_at;
  return f;
}

findings merge_slice_parts(const std::vector<findings>& parts) {
  findings out;
  std::vector<finding> unmanaged;
  std::map<std::string, finding> managed;  // by address: a part read twice counts once
  std::map<std::string, drift::not_checked_item> unchecked;
  std::vector<std::string> seen_errors;
  for (const auto& p : parts) {
    if (out.engine.empty()) out.engine = p.engine;
    out.resources_scanned += p.resources_scanned;
    out.incomplete = out.incomplete || p.incomplete;
    for (const auto& d : p.drifts) {
      if (d.change == drift::change_kind::unmanaged)
        unmanaged.push_back(d);
      else
        managed.emplace(d.address, d);
    }
    for (const auto& n : p.not_checked) unchecked.emplace(n.address, n);
    for (const auto& [rule, n] : p.suppressed) out.suppressed[rule] += n;
    out.coverage.insert(out.coverage.end(), p.coverage.begin(), p.coverage.end());
    for (const auto& e : p.errors) {
      const std::string key = e.code + '\n' + e.message + '\n' + e.address;
      if (std::find(seen_errors.begin(), seen_errors.end(), key) != seen_errors.end()) continue;
      seen_errors.push_back(key);
      out.errors.push_back(e);
    }
  }
  for (auto& [address, d] : managed) out.drifts.push_back(std::move(d));
  out.drifts.insert(out.drifts.end(), unmanaged.begin(), unmanaged.end());
  for (auto& [address, n] : unchecked) out.not_checked.push_back(std::move(n));
  return out;
}

namespace {

// Whether the run's claim names `index` and no report was emitted: this invocation is the
// retry of the slice that claimed the merge and did not finish it.
core::result<bool> claimed_by_this_slice_unemitted(aws::session& s, const std::string& bucket,
                                                   const std::string& prefix, int index) {
  auto claim = aws::s3::get_object(s, bucket, prefix + "merged");
  if (!claim) return core::error{claim.error().code, claim.error().describe()};
  auto doc = core::json::parse(claim->body);
  const bool mine = doc && doc->IsObject() && doc->HasMember("slice") && (*doc)["slice"].IsInt() &&
                    (*doc)["slice"].GetInt() == index;
  if (!mine) return false;
  auto emitted = aws::s3::head_object(s, bucket, prefix + "emitted");
  if (emitted) return false;
  if (!aws::s3::is_not_found(emitted.error()))
    return core::error{emitted.error().code, emitted.error().describe()};
  return true;
}

}  // namespace

core::result<slice_progress> write_part_and_merge(aws::session& s, const std::string& bucket,
                                                  const std::string& target,
                                                  const std::string& workspace,
                                                  const slice_spec& slice, const findings& part,
                                                  const std::string& started_at) {
  const std::string prefix = run_prefix(target, workspace, slice.run);
  if (auto put = aws::s3::put_object(s, bucket, slice_part_key(target, workspace, slice),
                                     findings_to_json(part, started_at));
      !put)
    return core::error{put.error().code, "slice part not written: " + put.error().describe()};
  auto listed = aws::s3::list_objects(s, bucket, prefix);
  if (!listed) return core::error{listed.error().code, listed.error().describe()};
  slice_progress out;
  std::vector<std::string> part_keys;
  for (int i = 0; i < slice.count; ++i) {
    const std::string key = prefix + std::to_string(i) + ".json";
    const bool there = std::any_of(listed->objects.begin(), listed->objects.end(),
                                   [&](const auto& o) { return o.key == key; });
    if (there) part_keys.push_back(key);
  }
  out.present = static_cast<int>(part_keys.size());
  if (out.present < slice.count) return out;
  auto claimed = aws::s3::put_object_if_absent(s, bucket, prefix + "merged",
                                               R"({"slice":)" + std::to_string(slice.index) + "}");
  if (!claimed) return core::error{claimed.error().code, claimed.error().describe()};
  if (!*claimed) {
    auto taken = claimed_by_this_slice_unemitted(s, bucket, prefix, slice.index);
    if (!taken) return taken.error();
    if (!*taken) return out;  // another slice merges, or the merge is done
    out.taken_over = true;
  }
  std::vector<findings> parts;
  for (const auto& key : part_keys) {
    auto obj = aws::s3::get_object(s, bucket, key);
    if (!obj) return core::error{obj.error().code, key + ": " + obj.error().describe()};
    std::string started;
    auto f = findings_from_json(obj->body, &started);
    if (!f) return core::error{"InvalidSlicePart", key + ": " + f.error().message};
    if (out.started_at.empty() || (!started.empty() && started < out.started_at))
      out.started_at = started;
    parts.push_back(std::move(f.value()));
  }
  out.merged = merge_slice_parts(parts);
  out.merged_here = true;
  return out;
}

core::result<core::unit> mark_merge_emitted(aws::session& s, const std::string& bucket,
                                            const std::string& target, const std::string& workspace,
                                            const slice_spec& slice) {
  auto put = aws::s3::put_object(s, bucket, run_prefix(target, workspace, slice.run) + "emitted",
                                 R"({"slice":)" + std::to_string(slice.index) + "}");
  if (!put) return core::error{put.error().code, put.error().describe()};
  return core::unit{};
}

}  // namespace scanner
