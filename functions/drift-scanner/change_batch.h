// The envelope of a live-path invocation, outside input: an SQS batch from the change-events
// queue (`Records[]` with eventSource `aws:sqs`, each `body` one EventBridge event), or one
// EventBridge "AWS API Call via CloudTrail" event invoked directly. Read only through the
// guarded parser; the events inside are read by parse_change_event (change_event.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scanner {

// One message to check: its id (the SQS messageId, or the event's id) and the EventBridge
// event as text.
struct change_message {
  std::string message_id;
  std::string body;
};

// The messages of a live-path invocation. nullopt: another kind of invocation, or not
// acceptable JSON (the handler's parse_event then says so). A record without a string body
// is a message with an empty body: acknowledged as malformed, not retried.
std::optional<std::vector<change_message>> change_messages(std::string_view payload);

}  // namespace scanner
