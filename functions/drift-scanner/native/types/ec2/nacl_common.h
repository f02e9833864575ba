// What the network types (security group rules of the older form, network ACLs and their
// rules, DHCP options, network interfaces, VPC endpoints) share: Describe calls filtered by
// values other than the instance's own id (a rule is read through its group or its ACL), the
// instance's state, and protocol numbers as the provider records them for network ACLs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ec2_common.h"

namespace scanner::native::network {

// Every item of an EC2 Describe filtered by `filter` = `values` (each once, pages merged),
// keyed by the item's `id_field`.
core::result<std::map<std::string, pugi::xml_node>, aws::error> describe_by(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& filter, const std::vector<std::string>& values, const std::string& id_field,
    aws::xml_response& keep);

// Every item of an EC2 Describe asked by id (`id_param`.N = `ids`), keyed by `id_field`, for the
// types the provider itself reads by id (an ACL: NetworkAclId). An id that no longer exists
// fails such a call as a whole (*.NotFound), so then each id is asked alone and a missing one
// left out. `keep` holds the answers the nodes point into.
core::result<std::map<std::string, pugi::xml_node>, aws::error> describe_ids(
    const read_context& ctx, const std::string& action, const std::string& id_param,
    const std::string& set_name, const std::vector<std::string>& ids, const std::string& id_field,
    std::vector<aws::xml_response>& keep);

// The instance's state attributes (an empty object when they do not parse).
rapidjson::Document state_of(const terraform::resource_instance& inst);

// `name` copied from the state into `live` (null when the state lacks it): for attributes the
// provider's refresh writes back from the state itself (a rule's identity, which it matched).
void copy_from_state(rapidjson::Document& live, const rapidjson::Value& state, const char* name);

// A string AWS does not answer, as the provider's refresh leaves it: setting a nil pointer
// changes nothing, so the state keeps its value (null, "", or what it held before).
void absent_string(rapidjson::Document& live, const rapidjson::Value& state, const char* name);

// The state's string `name` ("" when absent or not a string).
std::string state_string(const rapidjson::Value& state, const char* name);

// A network ACL protocol as the provider records it: the protocol number as a string ("6"
// for "tcp", "-1" for all); "" for a protocol it does not know.
std::string nacl_protocol_number(const std::string& protocol);

// The live resources of `batch`, each from the item its state's `key` names in `items`
// (absent: gone); `build` may answer null for gone.
template <typename Build>
std::vector<live_resource> by_state_key(const instance_list& batch, const char* key,
                                        const std::map<std::string, pugi::xml_node>& items,
                                        Build build) {
  std::vector<live_resource> out;
  out.reserve(batch.size());
  for (const auto* inst : batch) {
    auto state = state_of(*inst);
    auto it = items.find(state_string(state, key));
    doc_ptr d = it == items.end() ? nullptr : build(*inst, state, it->second);
    out.push_back(d ? live_resource::found(std::move(d)) : live_resource::gone());
  }
  return out;
}

// The distinct state values of `key` over a batch, in order.
std::vector<std::string> state_values(const instance_list& batch, const char* key);

}  // namespace scanner::native::network

namespace scanner::native::network {

// One network ACL entry (DescribeNetworkAcls' entrySet item) as the provider's set element of
// `ingress`/`egress`: every member present, absent ones at their zero value. False for an entry
// whose protocol the provider cannot number (it leaves those out).
bool nacl_entry_object(const pugi::xml_node& entry, rapidjson::Value& out,
                       rapidjson::Document::AllocatorType& a);

// The rule numbers of AWS's default deny entries (IPv4, IPv6): neither configurable nor
// deletable, so the provider leaves them out.
bool is_default_nacl_entry(const pugi::xml_node& entry);

}  // namespace scanner::native::network
