// libFuzzer: arbitrary bytes as a CloudTrail change event (change_event.h), the live path's
// outside input: as a whole EventBridge event, as the CloudTrail record inside a valid
// envelope (so that the record's fields are reached without the fuzzer finding the envelope),
// and as the invocation's envelope (change_batch.h: an SQS batch, whose bodies are events).
// Never a crash; a refusal is an error value with a short message; what is accepted keeps
// changed_by's promises and writes JSON that reads back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "change_batch.h"
#include "change_event.h"
#include "core/json.h"

namespace {

void check(std::string_view text) {
  auto e = scanner::parse_change_event(text);
  if (!e) {
    const auto& err = e.error();
    if (err.code.empty() || err.message.empty() || err.message.size() > 256) __builtin_trap();
    return;
  }
  const auto& by = e->by;
  // A service's call names no person.
  if (!by.by_service.empty() &&
      (!by.user_name.empty() || !by.session_name.empty() || !by.identity_center_user_id.empty()))
    __builtin_trap();
  if (by.event_id != e->event_id || by.event_time != e->event_time) __builtin_trap();
  if (e->failed() && e->is_write()) __builtin_trap();
  if (!core::json::parse(scanner::changed_by_json(by))) __builtin_trap();
  // The own-roles check never matches an identity without a role session.
  const bool mine = scanner::made_by(*e, {"arn:aws:iam::111122223333:role/drift/remediation",
                                          by.session_issuer_arn, by.principal_arn});
  if (mine && by.session_issuer_arn.empty() &&
      by.principal_arn.find("assumed-role/") == std::string::npos)
    __builtin_trap();
}

}  // namespace

// An invocation's envelope: every message it yields is checked as an event; an envelope of
// one direct event is that event, whole.
void check_batch(std::string_view text) {
  const auto messages = scanner::change_messages(text);
  if (!messages) return;
  for (const auto& m : *messages) check(m.body);
  if (messages->size() == 1 && (*messages)[0].body == text &&
      !scanner::parse_change_event(text).ok() &&
      scanner::parse_change_event(text).error().code != "NotCloudTrailCall")
    __builtin_trap();  // a direct event was recognised from a document that did not parse
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check(bytes);
  check_batch(bytes);
  std::string wrapped = R"({"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail",)"
                        R"("source":"aws.ec2","account":"111122223333","region":"eu-west-1",)"
                        R"("detail":)";
  wrapped.append(bytes);
  wrapped += "}";
  check(wrapped);
  return 0;
}
