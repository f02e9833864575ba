// Amazon Route 53 reads for the drift scanner (REST-XML, API 2013-04-01): hosted zones, their
// record sets and the tags of a zone. Route 53 is global: one endpoint for every region.
#pragma once

#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/service.h"
#include "aws/session.h"

namespace aws::route53 {

inline constexpr service api{"Route 53",         "ROUTE_53",   "route53", "route53",
                             protocol::rest_xml, "2013-04-01", ""};

// A hosted zone or its tags that do not exist (any more).
inline bool is_not_found(const error& e) {
  return e.code == "NoSuchHostedZone" || e.code == "NoSuchHealthCheck";
}

// "/hostedzone/Z123" -> "Z123" (the API answers ids with their resource path).
std::string bare_id(const std::string& id);

// GetHostedZone: the document's root (<GetHostedZoneResponse>: HostedZone, DelegationSet,
// VPCs).
core::result<xml_response, error> get_hosted_zone(session& s, const std::string& zone_id);

struct zone_summary {
  std::string id;  // bare
  std::string name;
  bool private_zone = false;
};
// Every hosted zone of the account (ListHostedZones, marker pages of 100). `pages` (if given)
// gets the number of calls made.
core::result<std::vector<zone_summary>, error> list_hosted_zones(session& s, int* pages = nullptr);

// One page of ListResourceRecordSets from a start point (empty: the zone's first record).
struct record_page {
  std::shared_ptr<pugi::xml_document> doc;
  std::vector<pugi::xml_node> sets;  // <ResourceRecordSet>s
  bool truncated = false;
  std::string next_name, next_type, next_identifier;
};
struct record_start {
  std::string name, type, identifier;
};
core::result<record_page, error> list_record_sets(session& s, const std::string& zone_id,
                                                  const record_start& start, int max_items);

// The tags of a hosted zone (ListTagsForResource on hostedzone/<id>).
core::result<std::map<std::string, std::string>, error> list_zone_tags(session& s,
                                                                       const std::string& zone_id);

// The tags of up to 10 hosted zones in one ListTagsForResources: bare zone id -> its tags. A zone
// Route 53 does not answer for has no entry. The call fails (NoSuchHostedZone) when one of the
// zones does not exist.
core::result<std::map<std::string, std::map<std::string, std::string>>, error> list_zones_tags(
    session& s, const std::vector<std::string>& zone_ids);

}  // namespace aws::route53
