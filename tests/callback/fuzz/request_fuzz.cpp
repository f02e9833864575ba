// libFuzzer: arbitrary bytes as the callback's invocation payload, through both of its
// readers: the claim (`{"action":"claim",...}`) and the outcome report. Neither may crash; what
// they accept is within the documented limits and valid UTF-8 (the history table and SNS refuse
// anything else); what they refuse is InvalidInput with a short message.
//
// claim.cpp also holds the remediation store, which calls DynamoDB: its objects are compiled
// with one section per function and linked with --gc-sections, so only the parser and what it
// reaches are linked (tests/callback/fuzz/fuzz.cmake).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claim.h"
#include "core/json.h"
#include "request.h"

namespace {

bool utf8(const std::string& s) { return core::json::detail::valid_utf8(s.data(), s.size()); }

void check_refusal(const core::error& e) {
  if (e.code != "InvalidInput" || e.message.empty() || e.message.size() >= 4096) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  auto claim = callback::parse_claim(bytes);
  if (!claim) {
    check_refusal(claim.error());
  } else if (*claim) {
    const auto& c = **claim;
    if (c.remediation_id.empty() || c.remediation_id.size() > 256) __builtin_trap();
    if (c.run_id.empty() || c.run_id.size() > 256) __builtin_trap();
    if (c.run_url.size() > 2048) __builtin_trap();
    if (!utf8(c.remediation_id) || !utf8(c.run_id) || !utf8(c.run_url)) __builtin_trap();
  }

  auto r = callback::parse_request(bytes);
  if (!r) {
    check_refusal(r.error());
    return 0;
  }
  if (r->drift_event_id.empty() || r->drift_event_id.size() > 512) __builtin_trap();
  if (r->remediation_id.size() > 512 || r->run_id.size() > 512) __builtin_trap();
  if (r->remediation_id.empty() != r->run_id.empty()) __builtin_trap();
  if (r->workflow_run_url.size() > 2048 || r->error_message.size() > 4000) __builtin_trap();
  if (r->mttr_seconds && !(*r->mttr_seconds >= 0)) __builtin_trap();
  // Long texts are cut on character boundaries.
  for (const auto* s : {&r->drift_event_id, &r->reported_status, &r->workflow_run_url,
                        &r->error_message, &r->remediation_id, &r->run_id})
    if (!utf8(*s)) __builtin_trap();
  return 0;
}
