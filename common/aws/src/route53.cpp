#include "aws/route53.h"

#include <sstream>

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::route53 {
namespace {

constexpr const char* kPrefix = "/2013-04-01";

core::result<xml_response, error> get(session& s, std::string path,
                                      std::vector<std::pair<std::string, std::string>> query) {
  rest_request req;
  req.path = kPrefix + path;
  req.query = std::move(query);
  auto r = rest_call(s, api, std::move(req));
  if (!r) return r.error();
  return parse_xml(api, r->body);
}

bool is_true(const pugi::xml_node& n, const char* child) {
  return std::string_view(n.child_value(child)) == "true";
}

}  // namespace

std::string bare_id(const std::string& id) {
  auto slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

core::result<xml_response, error> get_hosted_zone(session& s, const std::string& zone_id) {
  return get(s, "/hostedzone/" + uri::encode(bare_id(zone_id)), {});
}

core::result<std::vector<zone_summary>, error> list_hosted_zones(session& s, int* pages) {
  std::vector<zone_summary> out;
  std::string marker;
  int calls = 0;
  for (;;) {
    std::vector<std::pair<std::string, std::string>> q{{"maxitems", "100"}};
    if (!marker.empty()) q.emplace_back("marker", marker);
    ++calls;
    auto x = get(s, "/hostedzone", std::move(q));
    if (!x) {
      if (pages) *pages = calls;
      return x.error();
    }
    for (auto z : x->result.child("HostedZones").children("HostedZone"))
      out.push_back({bare_id(z.child_value("Id")), z.child_value("Name"),
                     is_true(z.child("Config"), "PrivateZone")});
    marker = x->result.child_value("NextMarker");
    if (!is_true(x->result, "IsTruncated") || marker.empty()) break;
  }
  if (pages) *pages = calls;
  return out;
}

core::result<record_page, error> list_record_sets(session& s, const std::string& zone_id,
                                                  const record_start& start, int max_items) {
  std::vector<std::pair<std::string, std::string>> q{{"maxitems", std::to_string(max_items)}};
  if (!start.name.empty()) q.emplace_back("name", start.name);
  if (!start.type.empty()) q.emplace_back("type", start.type);
  if (!start.identifier.empty()) q.emplace_back("identifier", start.identifier);
  auto x = get(s, "/hostedzone/" + uri::encode(bare_id(zone_id)) + "/rrset", std::move(q));
  if (!x) return x.error();
  record_page page;
  page.doc = x->doc;
  for (auto r : x->result.child("ResourceRecordSets").children("ResourceRecordSet"))
    page.sets.push_back(r);
  page.truncated = is_true(x->result, "IsTruncated");
  page.next_name = x->result.child_value("NextRecordName");
  page.next_type = x->result.child_value("NextRecordType");
  page.next_identifier = x->result.child_value("NextRecordIdentifier");
  return page;
}

core::result<std::map<std::string, std::string>, error> list_zone_tags(session& s,
                                                                       const std::string& zone_id) {
  auto x = get(s, "/tags/hostedzone/" + uri::encode(bare_id(zone_id)), {});
  if (!x) return x.error();
  std::map<std::string, std::string> tags;
  for (auto t : x->result.child("ResourceTagSet").child("Tags").children("Tag"))
    tags[t.child_value("Key")] = t.child_value("Value");
  return tags;
}

core::result<std::map<std::string, std::map<std::string, std::string>>, error> list_zones_tags(
    session& s, const std::vector<std::string>& zone_ids) {
  // Built with pugixml: a zone id comes from a state file and is escaped like any text.
  pugi::xml_document body;
  auto root = body.append_child("ListTagsForResourcesRequest");
  root.append_attribute("xmlns") = "https://route53.amazonaws.com/doc/2013-04-01/";
  auto ids = root.append_child("ResourceIds");
  for (const auto& id : zone_ids) ids.append_child("ResourceId").text().set(bare_id(id).c_str());
  std::ostringstream text;
  body.save(text, "", pugi::format_raw);
  rest_request req;
  req.method = "POST";
  req.path = std::string(kPrefix) + "/tags/hostedzone";
  req.headers = {{"Content-Type", "application/xml"}};
  req.body = text.str();
  auto r = rest_call(s, api, std::move(req));
  if (!r) return r.error();
  auto x = parse_xml(api, r->body);
  if (!x) return x.error();
  std::map<std::string, std::map<std::string, std::string>> out;
  for (auto set : x->result.child("ResourceTagSets").children("ResourceTagSet")) {
    auto& tags = out[bare_id(set.child_value("ResourceId"))];
    for (auto t : set.child("Tags").children("Tag"))
      tags[t.child_value("Key")] = t.child_value("Value");
  }
  return out;
}

}  // namespace aws::route53
