// Listener and rule actions (forward, redirect, fixed response, Cognito and OIDC sign-in) in
// the provider's nested blocks, shared by aws_lb_listener.default_action and
// aws_lb_listener_rule.action.
#pragma once

#include <rapidjson/document.h>

#include <pugixml.hpp>

namespace scanner::native::elbv2 {

// The <member>s of `actions` (DefaultActions or Actions) sorted by Order, each as the provider
// stores it. A forward action carries `target_group_arn` or `forward` the way the state's
// action at the same index does (the provider's refresh keeps the form the configuration
// chose), both when the state has none; `top_level_arn` also keeps the target group ARN when
// the state's first action has one (the listener's rule). OIDC client secrets are not
// returned by ELB: the state's are kept.
rapidjson::Value actions(rapidjson::Document& live, const pugi::xml_node& actions,
                         const rapidjson::Value* state_actions, bool top_level_arn);

}  // namespace scanner::native::elbv2
