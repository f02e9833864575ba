// AWS IAM reads (query protocol, global endpoint): the account-wide listings the native
// engine's IAM types read once per batch instead of one call per entity and attribute.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/session.h"

namespace aws::iam {

// GetAccountAuthorizationDetails for the entity kinds in `filters` ("Role", "User", "Group",
// "LocalManagedPolicy", ...), every page (Marker) merged: `result` holds one
// <UserDetailList>, <GroupDetailList>, <RoleDetailList> and <Policies> with every <member>.
core::result<xml_response, error> account_authorization_details(
    session& s, const std::vector<std::string>& filters);

// ListRoles, every page merged: `result` holds <Roles> with every <member> (the role's
// description and maximum session duration, which the authorization details leave out).
core::result<xml_response, error> list_roles(session& s);

// ListInstanceProfiles, every page merged under <InstanceProfiles>.
core::result<xml_response, error> list_instance_profiles(session& s);

// ListOpenIDConnectProviders: the providers' ARNs.
core::result<std::vector<std::string>, error> list_open_id_connect_providers(session& s);

// One call with the given parameters (GetGroup, ListPolicyTags, GetOpenIDConnectProvider, ...).
core::result<xml_response, error> call(session& s, std::string_view action,
                                       const query_params& params);

// IAM answers policy documents percent-encoded; this decodes them the way the provider
// does (Go's url.QueryUnescape: %XX and '+' as a space). Invalid escapes are kept as they are.
std::string query_unescape(std::string_view s);

// True for the error IAM answers for an entity that does not exist.
bool is_no_such_entity(const error& e);

}  // namespace aws::iam
