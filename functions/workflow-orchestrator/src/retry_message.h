// The message this function puts on its own retry queue, and reads back from it. It names the
// history item to resume and which attempt the message stands for, so a duplicate delivery of
// the same retry resumes the item once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace orchestrator {

inline constexpr std::string_view retry_kind = "drift-remediation-retry";

struct retry_ticket {
  std::string drift_event_id;  // history hash key
  std::string timestamp;       // history range key
  int attempt = 1;             // 1 for the first retry
  std::string reason;          // why it was scheduled (lock held, rate limited...)
  std::string not_before;      // ISO 8601: SQS delays stop at 15 minutes, longer waits re-queue
  std::string event_json;      // the original drift event, as received
};

std::string to_json(const retry_ticket& t);
// nullopt when `body` is not a retry message at all; an error when it is one but broken.
std::optional<core::result<retry_ticket>> parse_retry_message(std::string_view body);

}  // namespace orchestrator
