// What a scan tells people (common/notify): messages built from a graded report and the delta
// the alert rule made of it, as pure functions. Sending is the scanner's job (scanner.cpp, one
// notify::notifier per container).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "drift/report.h"
#include "notify/message.h"
#include "notify/render.h"

namespace scanner::messages {

// Where a report is: target, workspace, environment, account, region.
notify::place place_of(const drift::report& r);

// One drift as a message's finding: its id, address, type, ARN (else the cloud id), severity,
// change, reason, who changed it, and its attributes with values as the report holds them
// (redacted there; a JSON string shown as its text, other JSON as written).
notify::finding finding_of(const drift::drift_item& d, std::string status);

// Kind drift: the delta's news (new and returned drift "new", changed "changed", a revert that
// did not hold "new" with the reason saying so) in one message for the target/workspace scan,
// with the report's page link and URI. nullopt when the delta has no news.
std::optional<notify::message> drift_message(const drift::report& r,
                                             const drift::critical_delta& delta,
                                             const std::string& report_uri,
                                             const std::string& page_link);

// Kind drift_resolved: the delta's resolved drifts. Only those with a drift id unless
// `with_unidentified` (PagerDuty resolves and issues close by drift id; the e-mail may name the
// others too). nullopt when there are none.
std::optional<notify::message> resolved_message(const drift::report& r,
                                                const drift::critical_delta& delta,
                                                const std::string& report_uri,
                                                const std::string& page_link,
                                                bool with_unidentified = false);

// What the notifier is handed for one scan: the drift message, then the resolved one (each
// when there is one).
std::vector<notify::message> for_scan(const drift::report& r, const drift::critical_delta& delta,
                                      const std::string& report_uri, const std::string& page_link);

// The SNS alert's e-mail body (MessageStructure=json, key "email"): the plain text of the
// drift message and of everything resolved (notify::email_text), one after the other. Empty
// when the delta has nothing to say.
std::string email_body(const drift::report& r, const drift::critical_delta& delta,
                       const std::string& report_uri, const std::string& page_link);

}  // namespace scanner::messages
