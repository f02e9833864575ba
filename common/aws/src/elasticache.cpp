#include "aws/elasticache.h"

#include "aws/paginate.h"

namespace aws::elasticache {

core::result<std::vector<pugi::xml_node>, error> describe_all(
    session& s, const char* action, const query_params& params, const char* list, const char* item,
    xml_response& keep, const std::function<void()>& on_page) {
  keep.doc = std::make_shared<pugi::xml_document>();
  keep.result = keep.doc->append_child(list);
  auto done = paginate(
      [&](const std::string& marker) {
        query_params q = params;
        q.emplace_back("MaxRecords", "100");
        if (!marker.empty()) q.emplace_back("Marker", marker);
        if (on_page) on_page();
        return query_call(s, api, action, q);
      },
      [](const xml_response& page) { return text(page.result, "Marker"); },
      [&](xml_response& page) {
        for (auto n : page.result.child(list).children(item)) keep.result.append_copy(n);
      });
  if (!done) return done.error();
  std::vector<pugi::xml_node> out;
  for (auto n : keep.result.children(item)) out.push_back(n);
  return out;
}

core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn) {
  auto r = query_call(s, api, "ListTagsForResource", {{"ResourceName", arn}});
  if (!r) return r.error();
  std::map<std::string, std::string> tags;
  for (auto t : r->result.child("TagList").children("Tag"))
    tags[t.child_value("Key")] = t.child_value("Value");
  return tags;
}

}  // namespace aws::elasticache
