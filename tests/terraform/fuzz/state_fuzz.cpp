// Arbitrary bytes into the state reader (state files come from S3 buckets we do not own).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "terraform/state.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto st = terraform::parse_state(std::string_view(reinterpret_cast<const char*>(data), size));
  if (st) {
    for (const auto& r : st->resources) {
      (void)r.redacted_attributes();
      (void)st->find(r.address);
    }
  } else if (st.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
