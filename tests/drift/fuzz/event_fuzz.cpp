// Arbitrary bytes into the drift event parser (what the orchestrator receives from SNS):
// it must never crash, and what it accepts must survive its own writer and be gradable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "drift/event.h"
#include "drift/report.h"
#include "drift/severity.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto e = drift::parse_event(bytes);
  if (e) {
    const std::string json = drift::to_json(*e);
    auto again = drift::parse_event(json);
    if (!again || drift::to_json(*again) != json) __builtin_trap();
    drift::grading_input in;
    in.resource_type = e->detail.resource_type;
    in.environment = e->environment();
    for (const auto& p : e->detail.changed_properties) in.changes.push_back({p, {}, {}});
    for (const auto& c : e->detail.changes)
      in.changes.push_back({c.attribute, c.expected, c.actual});
    (void)drift::rule_table::builtin().evaluate(in);
  } else if (e.error().message.empty()) {
    __builtin_trap();  // every rejection says why
  }
  // The same bytes as a previous report (the scanner reads latest.json back).
  if (auto r = drift::parse_report(bytes)) (void)drift::to_json(*r);
  return 0;
}
