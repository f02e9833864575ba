#include "aws/iam.h"

#include "aws/paginate.h"

namespace aws::iam {
namespace {

// IAM pages end with IsTruncated=false; a Marker alone is not enough to go on.
std::string next_marker(const xml_response& page) {
  if (std::string(page.result.child_value("IsTruncated")) != "true") return "";
  return text(page.result, "Marker");
}

core::result<xml_response, error> merged(session& s, std::string_view action,
                                         const query_params& base,
                                         const std::vector<std::string>& lists) {
  xml_response out;
  out.doc = std::make_shared<pugi::xml_document>();
  out.result = out.doc->append_child("Merged");
  for (const auto& l : lists) out.result.append_child(l.c_str());
  auto done = paginate(
      [&](const std::string& marker) {
        query_params q = base;
        q.emplace_back("MaxItems", "1000");
        if (!marker.empty()) q.emplace_back("Marker", marker);
        return query_call(s, services::iam, action, q);
      },
      next_marker,
      [&](xml_response& page) {
        for (const auto& l : lists) {
          auto into = out.result.child(l.c_str());
          for (auto m : page.result.child(l.c_str()).children("member")) into.append_copy(m);
        }
      });
  if (!done) return done.error();
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

core::result<xml_response, error> account_authorization_details(
    session& s, const std::vector<std::string>& filters) {
  query_params q;
  for (size_t i = 0; i < filters.size(); ++i)
    q.emplace_back("Filter.member." + std::to_string(i + 1), filters[i]);
  return merged(s, "GetAccountAuthorizationDetails", q,
                {"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"});
}

core::result<xml_response, error> list_roles(session& s) {
  return merged(s, "ListRoles", {}, {"Roles"});
}

core::result<xml_response, error> list_instance_profiles(session& s) {
  return merged(s, "ListInstanceProfiles", {}, {"InstanceProfiles"});
}

core::result<std::vector<std::string>, error> list_open_id_connect_providers(session& s) {
  auto r = query_call(s, services::iam, "ListOpenIDConnectProviders", {});
  if (!r) return r.error();
  std::vector<std::string> out;
  for (auto m : r->result.child("OpenIDConnectProviderList").children("member"))
    out.emplace_back(m.child_value("Arn"));
  return out;
}

core::result<xml_response, error> call(session& s, std::string_view action,
                                       const query_params& params) {
  return query_call(s, services::iam, action, params);
}

std::string query_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else if (s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool is_no_such_entity(const error& e) { return e.code == "NoSuchEntity"; }

}  // namespace aws::iam
