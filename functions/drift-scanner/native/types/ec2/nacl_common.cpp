#include "nacl_common.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace scanner::native::network {

core::result<std::map<std::string, pugi::xml_node>, aws::error> describe_by(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& filter, const std::vector<std::string>& values, const std::string& id_field,
    aws::xml_response& keep) {
  aws::ec2::describe_request req;
  req.filters.push_back({filter, values});
  ctx.count();
  auto r = aws::ec2::describe(ctx.cloud, action, "", set_name, req);
  if (!r) return r.error();
  keep = std::move(r).value();
  std::map<std::string, pugi::xml_node> out;
  for (auto item : keep.result.children("item")) out[xtext(item, id_field.c_str())] = item;
  return out;
}

namespace {

bool is_not_found(const aws::error& e) {
  return e.code.size() > 9 && e.code.compare(e.code.size() - 9, 9, ".NotFound") == 0;
}

}  // namespace

core::result<std::map<std::string, pugi::xml_node>, aws::error> describe_ids(
    const read_context& ctx, const std::string& action, const std::string& id_param,
    const std::string& set_name, const std::vector<std::string>& ids, const std::string& id_field,
    std::vector<aws::xml_response>& keep) {
  std::map<std::string, pugi::xml_node> out;
  auto ask = [&](const std::vector<std::string>& some) -> core::result<bool, aws::error> {
    aws::ec2::describe_request req;
    req.ids = some;
    ctx.count();
    auto r = aws::ec2::describe(ctx.cloud, action, id_param, set_name, req);
    if (!r) return r.error();
    keep.push_back(std::move(r).value());
    for (auto item : keep.back().result.children("item")) out[xtext(item, id_field.c_str())] = item;
    return true;
  };
  auto all = ask(ids);
  if (all) return out;
  if (!is_not_found(all.error()) || ids.size() == 1) {
    if (ids.size() == 1 && is_not_found(all.error())) return out;
    return all.error();
  }
  for (const auto& id : ids) {
    auto one = ask({id});
    if (!one && !is_not_found(one.error())) return one.error();
  }
  return out;
}

rapidjson::Document state_of(const terraform::resource_instance& inst) {
  rapidjson::Document d;
  d.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (d.HasParseError() || !d.IsObject()) d.SetObject();
  return d;
}

void copy_from_state(rapidjson::Document& live, const rapidjson::Value& state, const char* name) {
  rapidjson::Value v;
  if (const auto* s = member(state, name)) v.CopyFrom(*s, live.GetAllocator());
  set_value(live, name, v);
}

void absent_string(rapidjson::Document& live, const rapidjson::Value& state, const char* name) {
  const auto* s = member(state, name);
  if (s && (s->IsNull() || s->IsString()))
    copy_from_state(live, state, name);
  else
    set_string(live, name, "");
}

std::string state_string(const rapidjson::Value& state, const char* name) {
  const auto* v = member(state, name);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

std::string nacl_protocol_number(const std::string& protocol) {
  std::string p = protocol;
  std::transform(p.begin(), p.end(), p.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // The provider's table of names; EC2 itself answers numbers.
  static const std::map<std::string, std::string> names = {
      {"all", "-1"}, {"icmp", "1"}, {"tcp", "6"}, {"udp", "17"}, {"icmpv6", "58"}};
  if (auto it = names.find(p); it != names.end()) return it->second;
  char* end = nullptr;
  const long n = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0') return "";
  return std::to_string(n);
}

std::vector<std::string> state_values(const instance_list& batch, const char* key) {
  std::vector<std::string> out;
  for (const auto* inst : batch) {
    auto v = state_string(state_of(*inst), key);
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

}  // namespace scanner::native::network

namespace scanner::native::network {

bool is_default_nacl_entry(const pugi::xml_node& entry) {
  const auto n = xint(entry, "ruleNumber");
  return n == 32767 || n == 32768;
}

bool nacl_entry_object(const pugi::xml_node& e, rapidjson::Value& out,
                       rapidjson::Document::AllocatorType& a) {
  const std::string protocol = nacl_protocol_number(xtext(e, "protocol"));
  if (protocol.empty()) return false;
  out.SetObject();
  auto num = [](long long v) { return rapidjson::Value(static_cast<int64_t>(v)); };
  out.AddMember("action", string_value(xtext(e, "ruleAction"), a), a);
  out.AddMember("cidr_block", string_value(xtext(e, "cidrBlock"), a), a);
  out.AddMember("from_port", num(xint(e, "portRange/from")), a);
  out.AddMember("icmp_code", num(xint(e, "icmpTypeCode/code")), a);
  out.AddMember("icmp_type", num(xint(e, "icmpTypeCode/type")), a);
  out.AddMember("ipv6_cidr_block", string_value(xtext(e, "ipv6CidrBlock"), a), a);
  out.AddMember("protocol", string_value(protocol, a), a);
  out.AddMember("rule_no", num(xint(e, "ruleNumber")), a);
  out.AddMember("to_port", num(xint(e, "portRange/to")), a);
  return true;
}

}  // namespace scanner::native::network
