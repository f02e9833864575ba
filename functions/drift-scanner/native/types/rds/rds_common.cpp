#include "rds_common.h"

#include "aws/paginate.h"
#include "aws/rds.h"

namespace scanner::native::rds {

core::result<std::vector<pugi::xml_node>, aws::error> describe_all(
    const read_context& ctx, const char* action, const aws::query_params& params, const char* list,
    const char* item, aws::xml_response& keep) {
  keep.doc = std::make_shared<pugi::xml_document>();
  keep.result = keep.doc->append_child(list);
  auto done = aws::paginate(
      [&](const std::string& marker) {
        aws::query_params q = params;
        q.emplace_back("MaxRecords", "100");
        if (!marker.empty()) q.emplace_back("Marker", marker);
        ctx.count();
        return aws::query_call(ctx.cloud, aws::services::rds, action, q);
      },
      [](const aws::xml_response& page) { return aws::text(page.result, "Marker"); },
      [&](aws::xml_response& page) {
        for (auto n : page.result.child(list).children(item)) keep.result.append_copy(n);
      });
  if (!done) return done.error();
  std::vector<pugi::xml_node> out;
  for (auto n : keep.result.children(item)) out.push_back(n);
  return out;
}

std::map<std::string, pugi::xml_node> by_child(const std::vector<pugi::xml_node>& items,
                                               const char* key) {
  std::map<std::string, pugi::xml_node> out;
  for (const auto& n : items) out[xtext(n, key)] = n;
  return out;
}

live_resource found_with_rds_tags(const read_context& ctx, const doc_ptr& d,
                                  const terraform::resource_instance& inst,
                                  const pugi::xml_node& item, const std::string& arn) {
  if (auto list = item.child("TagList")) {
    std::map<std::string, std::string> tags;
    for (auto t : list.children("Tag")) tags[xtext(t, "Key")] = xtext(t, "Value");
    set_tags(*d, inst, tags);
    return live_resource::found(d);
  }
  ctx.count();
  return found_with_tags(d, inst, aws::rds::list_tags_for_resource(ctx.cloud, arn));
}

std::vector<std::string> texts(const pugi::xml_node& list, const char* child, const char* field) {
  std::vector<std::string> out;
  for (auto n : list.children(child)) out.push_back(field ? xtext(n, field) : n.child_value());
  return out;
}

rapidjson::Document state_of(const terraform::resource_instance& inst) {
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (!st.IsObject()) st.SetObject();
  return st;
}

}  // namespace scanner::native::rds
