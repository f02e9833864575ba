// Amazon EventBridge (JSON 1.1) reads for drift detection: event buses, rules, a rule's
// targets and tags, each answer as EventBridge returns it. Sending events: aws/eventbridge.h.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::events {

// A bus or rule that does not exist (any more).
inline bool is_missing(const error& e) { return e.code == "ResourceNotFoundException"; }

// DescribeEventBus: {Name, Arn, Description, KmsKeyIdentifier, DeadLetterConfig, Policy, ...}.
core::result<rapidjson::Document, error> describe_event_bus(session& s, const std::string& name);

// DescribeRule: {Name, Arn, EventPattern, ScheduleExpression, State, Description, RoleArn,
// ManagedBy, EventBusName, ...}.
core::result<rapidjson::Document, error> describe_rule(session& s, const std::string& bus,
                                                       const std::string& rule);

// ListTargetsByRule, every page (the largest page EventBridge allows): the rule's targets.
core::result<std::vector<rapidjson::Document>, error> list_targets_by_rule(session& s,
                                                                           const std::string& bus,
                                                                           const std::string& rule);

// ListTagsForResource on a bus or rule ARN.
core::result<std::map<std::string, std::string>, error> list_tags(session& s,
                                                                  const std::string& arn);

// ListEventBuses and ListRules (one bus), every page.
core::result<std::vector<rapidjson::Document>, error> list_event_buses(session& s);
core::result<std::vector<rapidjson::Document>, error> list_rules(session& s,
                                                                 const std::string& bus);

}  // namespace aws::events
