// aws_route53_record: one record set (simple, weighted, latency, failover, geolocation,
// geoproximity, CIDR or multivalue; alias or not) in the provider's attribute shape. Read as
// the provider does: ListResourceRecordSets from the record's name and type (one record set
// per page, or a page of 100 for a set identifier), following pages while they still hold
// that name and type. Listed per managed zone, without each zone's own SOA and NS apex
// record sets (Route 53 creates them with the zone).
#include <algorithm>
#include <set>

#include "aws/route53.h"
#include "module_util.h"
#include "registry.h"
#include "route53_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"records", rule_kind::set_order,
     "a Terraform set: the order Route 53 answers a record set's values in is not a change"},
};

const depth_claim depth{
    {"alias", "cidr_routing_policy", "failover_routing_policy", "geolocation_routing_policy",
     "geoproximity_routing_policy", "health_check_id", "latency_routing_policy",
     "multivalue_answer_routing_policy", "name", "records", "set_identifier", "ttl", "type",
     "weighted_routing_policy", "zone_id"},
    {
        {"allow_overwrite", skip_kind::provider_only,
         "whether create may UPSERT over an existing record set: never read from AWS"},
    },
    false,
    // moto drops CidrRoutingConfig and GeoProximityLocation from the record sets it stores.
    {"cidr_routing_policy", "geoproximity_routing_policy"},
};

using alloc = rapidjson::Document::AllocatorType;

// A TXT or SPF value as the provider stores it: without the quotes Route 53 keeps, and a
// value longer than 255 characters (sent as several quoted strings) joined again.
std::string unquoted(const std::string& v) {
  if (v.size() < 2 || v.front() != '"' || v.back() != '"') return v;
  std::string inner = v.substr(1, v.size() - 2);
  std::string out;
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner.compare(i, 3, "\" \"") == 0) {
      i += 2;
      continue;
    }
    out += inner[i];
  }
  return out;
}

// A one-element list holding `o`, or [] when `present` is false (the provider's flatten of an
// absent routing policy).
void set_block(rapidjson::Document& d, const char* name, bool present, rapidjson::Value o) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (present) list.PushBack(o, d.GetAllocator());
  set_value(d, name, list);
}

rapidjson::Value object_of(std::initializer_list<std::pair<const char*, std::string>> members,
                           alloc& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& [k, v] : members) o.AddMember(rapidjson::StringRef(k), string_value(v, a), a);
  return o;
}

doc_ptr shape(const pugi::xml_node& rs, const std::string& state_name, const std::string& zone_id) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string type = rs.child_value("Type");
  // The record set was found under the state's name (equal but for case, a trailing dot or a
  // name relative to the zone): the provider keeps the name as configured.
  set_string(*d, "name", state_name);
  set_string(*d, "type", type);
  set_string(*d, "zone_id", zone_id);
  set_string(*d, "set_identifier", rs.child_value("SetIdentifier"));
  set_string(*d, "health_check_id", rs.child_value("HealthCheckId"));
  set_bool(*d, "multivalue_answer_routing_policy",
           std::string_view(rs.child_value("MultiValueAnswer")) == "true");
  set_int(*d, "ttl", xint(rs, "TTL"));

  std::vector<std::string> records;
  for (auto r : rs.child("ResourceRecords").children("ResourceRecord")) {
    std::string v = r.child_value("Value");
    records.push_back(type == "TXT" || type == "SPF" ? unquoted(v) : v);
  }
  set_string_list(*d, "records", records);

  const auto alias = rs.child("AliasTarget");
  {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("evaluate_target_health",
                std::string_view(alias.child_value("EvaluateTargetHealth")) == "true", a);
    o.AddMember("name", string_value(route53::canonical_name(alias.child_value("DNSName")), a), a);
    o.AddMember("zone_id", string_value(alias.child_value("HostedZoneId"), a), a);
    set_block(*d, "alias", bool(alias), std::move(o));
  }
  {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("weight", static_cast<int64_t>(xint(rs, "Weight")), a);
    set_block(*d, "weighted_routing_policy", bool(rs.child("Weight")), std::move(o));
  }
  set_block(*d, "failover_routing_policy", bool(rs.child("Failover")),
            object_of({{"type", rs.child_value("Failover")}}, a));
  set_block(*d, "latency_routing_policy", bool(rs.child("Region")),
            object_of({{"region", rs.child_value("Region")}}, a));
  const auto geo = rs.child("GeoLocation");
  set_block(*d, "geolocation_routing_policy", bool(geo),
            object_of({{"continent", geo.child_value("ContinentCode")},
                       {"country", geo.child_value("CountryCode")},
                       {"subdivision", geo.child_value("SubdivisionCode")}},
                      a));
  const auto cidr = rs.child("CidrRoutingConfig");
  set_block(*d, "cidr_routing_policy", bool(cidr),
            object_of({{"collection_id", cidr.child_value("CollectionId")},
                       {"location_name", cidr.child_value("LocationName")}},
                      a));
  const auto prox = rs.child("GeoProximityLocation");
  {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("aws_region", string_value(prox.child_value("AWSRegion"), a), a);
    o.AddMember("bias", static_cast<int64_t>(xint(prox, "Bias")), a);
    rapidjson::Value coords(rapidjson::kArrayType);
    if (const auto c = prox.child("Coordinates"))
      coords.PushBack(object_of({{"latitude", c.child_value("Latitude")},
                                 {"longitude", c.child_value("Longitude")}},
                                a),
                      a);
    o.AddMember("coordinates", coords, a);
    o.AddMember("local_zone_group", string_value(prox.child_value("LocalZoneGroup"), a), a);
    set_block(*d, "geoproximity_routing_policy", bool(prox), std::move(o));
  }
  return d;
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (st.HasParseError() || !st.IsObject())
    return live_resource::unchecked("the state's attributes are not an object");
  const std::string zone_id = string_member(st, "zone_id");
  const std::string type = string_member(st, "type");
  const std::string set_id = string_member(st, "set_identifier");
  // The fully qualified name the provider computed at apply; a relative name without it
  // cannot be placed in its zone without another call.
  std::string fqdn = string_member(st, "fqdn");
  if (fqdn.empty()) fqdn = string_member(st, "name");
  if (zone_id.empty() || type.empty() || fqdn.empty())
    return live_resource::unchecked("the state holds no zone_id, type or name");
  const std::string want = route53::canonical_name(fqdn);

  aws::route53::record_start start{fqdn, type, ""};
  for (;;) {
    ctx.count();
    auto page = aws::route53::list_record_sets(ctx.cloud, zone_id, start, set_id.empty() ? 1 : 100);
    if (!page) return gone_or_failed(page.error(), aws::route53::is_not_found);
    for (const auto& rs : page->sets) {
      if (route53::canonical_name(rs.child_value("Name")) != want || rs.child_value("Type") != type)
        return live_resource::gone();  // past the record's name and type
      if (rs.child_value("SetIdentifier") == set_id)
        return live_resource::found(shape(rs, string_member(st, "name"), zone_id));
    }
    if (!page->truncated || route53::canonical_name(page->next_name) != want ||
        page->next_type != type)
      return live_resource::gone();
    start = {page->next_name, page->next_type, page->next_identifier};
  }
}

// Every record set of the zones some state manages (a zone of this state, or one a managed
// record set's id names), less each zone's apex SOA and NS. A listed record set takes the
// managed id it is equal to (the id keeps the name as configured, perhaps relative).
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  std::set<std::string> zones;
  std::map<std::string, std::string> managed;  // canonical id -> id as managed
  if (ctx.managed_ids)
    for (const auto& id : *ctx.managed_ids) zones.insert(route53::parse_record_id(id).zone_id);
  for (const auto& r : ctx.state.resources)
    if (r.mode == terraform::resource_mode::managed &&
        (r.type == "aws_route53_zone" || r.type == "aws_route53_record") && !r.id.empty()) {
      if (r.type == "aws_route53_zone") {
        zones.insert(r.id);
        continue;
      }
      rapidjson::Document st;
      st.Parse(r.attributes.c_str(), r.attributes.size());
      if (!st.HasParseError() && st.IsObject()) zones.insert(string_member(st, "zone_id"));
    }
  if (zones.empty()) return std::vector<discovered>{};

  int pages = 0;
  auto all = aws::route53::list_hosted_zones(ctx.cloud, &pages);
  ctx.count(pages);
  if (!all) return all.error();

  std::vector<discovered> out;
  for (const auto& z : *all) {
    if (!zones.count(z.id)) continue;
    const std::string apex = route53::canonical_name(z.name);
    if (ctx.managed_ids)
      for (const auto& id : *ctx.managed_ids) {
        auto k = route53::parse_record_id(id);
        if (k.zone_id != z.id) continue;
        k.name = route53::fully_qualified(k.name, apex);
        managed[route53::record_id(k)] = id;
      }
    aws::route53::record_start start;
    for (;;) {
      ctx.count();
      auto page = aws::route53::list_record_sets(ctx.cloud, z.id, start, 300);
      if (!page) return page.error();
      for (const auto& rs : page->sets) {
        const std::string name = route53::canonical_name(rs.child_value("Name"));
        const std::string type = rs.child_value("Type");
        if (name == apex && (type == "SOA" || type == "NS")) continue;
        const std::string id =
            route53::record_id({z.id, name, type, rs.child_value("SetIdentifier")});
        auto m = managed.find(id);
        out.push_back({m == managed.end() ? id : m->second, id, {}});
      }
      if (!page->truncated) break;
      start = {page->next_name, page->next_type, page->next_identifier};
    }
  }
  return out;
}

const iam_actions permissions{{"route53:ListResourceRecordSets"}, {"route53:ListHostedZones"}};

// Every record set a change batch touches, found by its zone, fully qualified name (as the
// provider stores `fqdn`), type and set identifier: the id keeps the name as configured, which
// the call cannot give. Route 53 is global: CloudTrail records its calls in us-east-1.
const change_locator changes{
    "route53.amazonaws.com",
    {"ChangeResourceRecordSets"},
    [](const change_call& c) -> std::vector<change_target> {
      std::vector<change_target> out;
      const std::string zone = aws::route53::bare_id(string_at(c.request, {"hostedZoneId"}));
      const auto* batch = member(c.request, "changeBatch");
      const auto* list = batch ? member(*batch, "changes") : nullptr;
      if (zone.empty() || !list || !list->IsArray()) return out;
      for (const auto& ch : list->GetArray()) {
        const auto* rs = ch.IsObject() ? member(ch, "resourceRecordSet") : nullptr;
        if (!rs || !rs->IsObject()) continue;
        const std::string name = string_at(*rs, {"name"});
        const std::string type = string_at(*rs, {"type"});
        if (name.empty() || type.empty()) continue;
        change_target t{"",
                        {{"zone_id", zone},
                         {"fqdn", route53::canonical_name(name)},
                         {"type", type},
                         {"set_identifier", string_at(*rs, {"setIdentifier"})}}};
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
      }
      return out;
    },
    true};

}  // namespace

const type_module& aws_route53_record_module() {
  static const type_module m{"aws_route53_record",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             &changes,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
