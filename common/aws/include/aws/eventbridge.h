// Amazon EventBridge PutEvents (JSON 1.1).
#pragma once

#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::eventbridge {

struct event {
  std::string source;
  std::string detail_type;
  std::string detail;          // a JSON object, as text
  std::string event_bus_name;  // empty: the default bus
  std::vector<std::string> resources;
};

struct entry_result {
  std::string event_id;    // set when accepted
  std::string error_code;  // set when this entry was rejected
  std::string error_message;
};

struct put_result {
  int failed_count = 0;
  std::vector<entry_result> entries;  // one per event, in order
};

// Sends up to 10 events per call, as many calls as needed. A call that fails as a whole is an
// error; per-entry rejections are in the result.
core::result<put_result, error> put_events(session& s, const std::vector<event>& events);

}  // namespace aws::eventbridge
