// Who made the call that changed a resource, as CloudTrail records it (the scanner's change
// events fill it; reports show it). Plain data, in the domain so that a report's drift can
// carry it.
#pragma once

#include <string>

namespace drift {

// Strings are "" when the record does not say.
struct changed_by {
  std::string principal_arn;  // userIdentity.arn
  std::string identity_type;  // IAMUser, AssumedRole, Root, AWSService, IdentityCenterUser, ...
  std::string account_id;     // userIdentity.accountId
  std::string user_name;      // IAM users (and root's alias)
  // AssumedRole (and FederatedUser): the role (or user) whose session made the call, and the
  // session's name (the last part of the assumed-role ARN: often the person or the tool).
  std::string session_issuer_arn;
  std::string session_name;
  // IAM Identity Center: the user id in the identity store (userIdentity.onBehalfOf.userId, or
  // userId of an IdentityCenterUser) and the store's ARN.
  std::string identity_center_user_id;
  std::string identity_store_arn;
  // A call an AWS service made (type AWSService, or invokedBy set): the service's name, e.g.
  // "autoscaling.amazonaws.com". Such a call is the service's: the fields naming a person
  // (user_name, session_name, identity_center_user_id) stay empty.
  std::string by_service;
  std::string source_ip;   // sourceIPAddress (a service's name for service calls)
  std::string user_agent;  // userAgent
  std::string event_id;    // CloudTrail eventID
  std::string event_time;  // CloudTrail eventTime
};

}  // namespace drift
