#include "aws/elbv2.h"

#include "aws/paginate.h"

namespace aws::elbv2 {

core::result<members, error> describe(session& s, std::string_view action,
                                      const query_params& params, const char* list_name) {
  members out;
  auto done = paginate(
      [&](const std::string& marker) {
        query_params q = params;
        if (!marker.empty()) q.emplace_back("Marker", marker);
        return query_call(s, api, action, q);
      },
      [](const xml_response& r) { return text(r.result, "NextMarker"); },
      [&](const xml_response& r) {
        out.pages.push_back(r.doc);
        for (auto m : r.result.child(list_name).children("member")) out.items.push_back(m);
      });
  if (!done) return done.error();
  return out;
}

query_params with_members(query_params params, const std::string& name,
                          const std::vector<std::string>& ids) {
  for (size_t i = 0; i < ids.size(); ++i)
    params.emplace_back(name + ".member." + std::to_string(i + 1), ids[i]);
  return params;
}

core::result<std::map<std::string, std::string>, error> attributes(session& s,
                                                                   std::string_view action,
                                                                   const char* id_param,
                                                                   const std::string& id) {
  auto r = query_call(s, api, action, {{id_param, id}});
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  for (auto m : r->result.child("Attributes").children("member"))
    out[text(m, "Key")] = text(m, "Value");
  return out;
}

core::result<std::map<std::string, std::map<std::string, std::string>>, error> describe_tags(
    session& s, const std::vector<std::string>& arns) {
  auto r = query_call(s, api, "DescribeTags", with_members({}, "ResourceArns", arns));
  if (!r) return r.error();
  std::map<std::string, std::map<std::string, std::string>> out;
  for (auto d : r->result.child("TagDescriptions").children("member")) {
    auto& tags = out[text(d, "ResourceArn")];
    for (auto t : d.child("Tags").children("member")) tags[text(t, "Key")] = text(t, "Value");
  }
  return out;
}

}  // namespace aws::elbv2
