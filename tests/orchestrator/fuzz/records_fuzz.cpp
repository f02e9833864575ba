// libFuzzer: arbitrary bytes as the orchestrator's invocation payload. Splitting into records
// (SNS, SQS, retry messages, SNS notifications in SQS bodies) must never crash, whatever comes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/records.h"
#include "src/retry_message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto inv = orchestrator::split_invocation(bytes, "fuzz", "2025-01-01T00:00:00.000Z");
  for (const auto& r : inv.records) {
    if (r.item_id.empty() || r.message_id.empty() || r.arrival_time.empty()) __builtin_trap();
    if (r.retry) {
      // What we would send back on the queue must read back the same.
      auto again = orchestrator::parse_retry_message(orchestrator::to_json(*r.retry));
      if (!again || !*again || again->value().attempt != r.retry->attempt) __builtin_trap();
    }
  }
  (void)orchestrator::parse_retry_message(bytes);
  return 0;
}
