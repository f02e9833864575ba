#include "listener_actions.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "elbv2_common.h"

namespace scanner::native::elbv2 {
namespace {

long long number(const pugi::xml_node& n, const char* path) {
  return std::strtoll(xtext(n, path).c_str(), nullptr, 10);
}

std::vector<rapidjson::Value> one(rapidjson::Value v) {
  std::vector<rapidjson::Value> out;
  out.push_back(std::move(v));
  return out;
}

// <AuthenticationRequestExtraParams><entry><key/><value/></entry>: a map, null when absent.
rapidjson::Value extra_params(rapidjson::Document& d, const pugi::xml_node& config) {
  auto p = config.child("AuthenticationRequestExtraParams");
  if (!p) return rapidjson::Value();
  rapidjson::Value m(rapidjson::kObjectType);
  for (auto e : p.children("entry"))
    m.AddMember(string_value(xtext(e, "key"), d.GetAllocator()),
                string_value(xtext(e, "value"), d.GetAllocator()), d.GetAllocator());
  return m;
}

rapidjson::Value session_timeout(const pugi::xml_node& c) {
  const std::string t = xtext(c, "SessionTimeout");
  return t.empty() ? rapidjson::Value()
                   : rapidjson::Value(static_cast<int64_t>(std::strtoll(t.c_str(), nullptr, 10)));
}

rapidjson::Value cognito(rapidjson::Document& d, const pugi::xml_node& c) {
  return object(d)
      .value("authentication_request_extra_params", extra_params(d, c))
      .str("on_unauthenticated_request", xtext(c, "OnUnauthenticatedRequest"))
      .str("scope", xtext(c, "Scope"))
      .str("session_cookie_name", xtext(c, "SessionCookieName"))
      .value("session_timeout", session_timeout(c))
      .str("user_pool_arn", xtext(c, "UserPoolArn"))
      .str("user_pool_client_id", xtext(c, "UserPoolClientId"))
      .str("user_pool_domain", xtext(c, "UserPoolDomain"))
      .take();
}

rapidjson::Value oidc(rapidjson::Document& d, const pugi::xml_node& c,
                      const rapidjson::Value* state_action) {
  std::string secret;
  if (state_action && state_action->IsObject()) {
    const auto* o = member(*state_action, "authenticate_oidc");
    if (o && o->IsArray() && !o->Empty() && (*o)[0].IsObject())
      secret = string_member((*o)[0], "client_secret");
  }
  return object(d)
      .value("authentication_request_extra_params", extra_params(d, c))
      .str("authorization_endpoint", xtext(c, "AuthorizationEndpoint"))
      .str("client_id", xtext(c, "ClientId"))
      .str("client_secret", secret)
      .str("issuer", xtext(c, "Issuer"))
      .str("on_unauthenticated_request", xtext(c, "OnUnauthenticatedRequest"))
      .str("scope", xtext(c, "Scope"))
      .str("session_cookie_name", xtext(c, "SessionCookieName"))
      .value("session_timeout", session_timeout(c))
      .str("token_endpoint", xtext(c, "TokenEndpoint"))
      .str("user_info_endpoint", xtext(c, "UserInfoEndpoint"))
      .take();
}

rapidjson::Value fixed_response(rapidjson::Document& d, const pugi::xml_node& c) {
  return object(d)
      .str("content_type", xtext(c, "ContentType"))
      .str("message_body", xtext(c, "MessageBody"))
      .str("status_code", xtext(c, "StatusCode"))
      .take();
}

rapidjson::Value redirect(rapidjson::Document& d, const pugi::xml_node& c) {
  return object(d)
      .str("host", xtext(c, "Host"))
      .str("path", xtext(c, "Path"))
      .str("port", xtext(c, "Port"))
      .str("protocol", xtext(c, "Protocol"))
      .str("query", xtext(c, "Query"))
      .str("status_code", xtext(c, "StatusCode"))
      .take();
}

rapidjson::Value forward(rapidjson::Document& d, const pugi::xml_node& c) {
  std::vector<rapidjson::Value> groups, stickiness;
  for (auto g : c.child("TargetGroups").children("member"))
    groups.push_back(object(d)
                         .str("arn", xtext(g, "TargetGroupArn"))
                         .integer("weight", number(g, "Weight"))
                         .take());
  if (auto s = c.child("TargetGroupStickinessConfig"))
    stickiness.push_back(object(d)
                             .integer("duration", number(s, "DurationSeconds"))
                             .boolean("enabled", xtext(s, "Enabled") == "true")
                             .take());
  return object(d)
      .value("stickiness", array_of(std::move(stickiness), d))
      .value("target_group", array_of(std::move(groups), d))
      .take();
}

// A nested block from `config` when ELB answered one, else empty.
template <typename Make>
rapidjson::Value block(rapidjson::Document& d, const pugi::xml_node& a, const char* config,
                       Make make) {
  auto c = a.child(config);
  return array_of(c ? one(make(c)) : std::vector<rapidjson::Value>{}, d);
}

std::vector<rapidjson::Value> forward_block(rapidjson::Document& d, const pugi::xml_node& a) {
  auto c = a.child("ForwardConfig");
  return c ? one(forward(d, c)) : std::vector<rapidjson::Value>{};
}

bool has_forward_block(const rapidjson::Value* state_action) {
  if (!state_action || !state_action->IsObject()) return false;
  const auto* f = member(*state_action, "forward");
  return f && f->IsArray() && !f->Empty();
}

}  // namespace

rapidjson::Value actions(rapidjson::Document& d, const pugi::xml_node& list,
                         const rapidjson::Value* state_actions, bool top_level_arn) {
  std::vector<pugi::xml_node> sorted;
  for (auto m : list.children("member")) sorted.push_back(m);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return number(a, "Order") < number(b, "Order");
  });
  const bool states = state_actions && state_actions->IsArray() && !state_actions->Empty();
  bool keep_top_arn = false;
  if (top_level_arn && states && (*state_actions)[0].IsObject())
    keep_top_arn = !string_member((*state_actions)[0], "target_group_arn").empty();

  std::vector<rapidjson::Value> out;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const auto& a = sorted[i];
    const std::string type = xtext(a, "Type");
    const rapidjson::Value* st = states && i < state_actions->Size()
                                     ? &(*state_actions)[static_cast<rapidjson::SizeType>(i)]
                                     : nullptr;
    std::string target_group_arn;
    std::vector<rapidjson::Value> fwd;
    if (type == "forward") {
      const std::string arn = xtext(a, "TargetGroupArn");
      if (!states) {
        target_group_arn = arn;
        fwd = forward_block(d, a);
      } else {
        if (keep_top_arn) target_group_arn = arn;
        if (st && has_forward_block(st))
          fwd = forward_block(d, a);
        else if (st)
          target_group_arn = arn;
      }
    }
    out.push_back(
        object(d)
            .value("authenticate_cognito",
                   type == "authenticate-cognito"
                       ? block(d, a, "AuthenticateCognitoConfig",
                               [&](const pugi::xml_node& c) { return cognito(d, c); })
                       : array_of({}, d))
            .value("authenticate_oidc",
                   type == "authenticate-oidc"
                       ? block(d, a, "AuthenticateOidcConfig",
                               [&](const pugi::xml_node& c) { return oidc(d, c, st); })
                       : array_of({}, d))
            .value("fixed_response", type == "fixed-response" ? block(d, a, "FixedResponseConfig",
                                                                      [&](const pugi::xml_node& c) {
                                                                        return fixed_response(d, c);
                                                                      })
                                                              : array_of({}, d))
            .value("forward", array_of(std::move(fwd), d))
            .integer("order", number(a, "Order"))
            .value("redirect", type == "redirect"
                                   ? block(d, a, "RedirectConfig",
                                           [&](const pugi::xml_node& c) { return redirect(d, c); })
                                   : array_of({}, d))
            .str("target_group_arn", target_group_arn)
            .str("type", type)
            .take());
  }
  return array_of(std::move(out), d);
}

}  // namespace scanner::native::elbv2
