// Arbitrary bytes into the plan reader (a plan JSON can be handed to the scanner by CI).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "terraform/plan.h"
#include "terraform/redact.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto p = terraform::parse_plan(std::string_view(reinterpret_cast<const char*>(data), size));
  if (p) {
    for (const auto& rc : p->resource_drift) {
      // Whatever was marked sensitive must not survive redaction.
      (void)terraform::redact(rc.after, rc.after_sensitive);
    }
  } else if (p.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
