#include "aws/rds.h"

#include "aws/paginate.h"

namespace aws::rds {

core::result<xml_response, error> describe_db_instances(session& s, const std::string& identifier,
                                                        int page_size) {
  xml_response out;
  out.doc = std::make_shared<pugi::xml_document>();
  out.result = out.doc->append_child("DBInstances");
  auto done = paginate(
      [&](const std::string& marker) {
        query_params q;
        if (!identifier.empty()) q.emplace_back("DBInstanceIdentifier", identifier);
        if (page_size > 0) q.emplace_back("MaxRecords", std::to_string(page_size));
        if (!marker.empty()) q.emplace_back("Marker", marker);
        return query_call(s, services::rds, "DescribeDBInstances", q);
      },
      [](const xml_response& page) { return text(page.result, "Marker"); },
      [&](xml_response& page) {
        for (auto db : page.result.child("DBInstances").children("DBInstance"))
          out.result.append_copy(db);
      });
  if (!done) return done.error();
  return out;
}

core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn) {
  auto r = query_call(s, services::rds, "ListTagsForResource", {{"ResourceName", arn}});
  if (!r) return r.error();
  std::map<std::string, std::string> tags;
  for (auto t : r->result.child("TagList").children("Tag"))
    tags[t.child_value("Key")] = t.child_value("Value");
  return tags;
}

}  // namespace aws::rds
