#include "drift/status.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drift::status {
namespace {

struct row {
  std::string_view name;
  bool final;
  std::vector<std::string_view> next;  // the statuses it may move to
};

// The lifecycle. The orchestrator moves received/retry_scheduled items on; the sweeper marks
// received and dispatched items stale; the callback records a run's outcome on any item that
// is not final.
const std::array<row, 13>& table() {
  static const std::array<row, 13> rows = {{
      {received,
       false,
       {retry_scheduled, gathered, dispatched, awaiting_review, unmatched, skipped, failed, stale,
        remediated, remediation_failed, cancelled}},
      // Back to received only when a retry message could not be sent (the redelivery resumes).
      {retry_scheduled,
       false,
       {received, retry_scheduled, gathered, dispatched, awaiting_review, unmatched, skipped,
        failed, remediated, remediation_failed, cancelled}},
      // The gathering event's end is its members' end too.
      {gathered,
       false,
       {dispatched, awaiting_review, unmatched, skipped, failed, stale, remediated,
        remediation_failed, cancelled}},
      {dispatched, false, {awaiting_review, stale, remediated, remediation_failed, cancelled}},
      {awaiting_review, false, {remediated, remediation_failed, cancelled}},
      {stale, false, {awaiting_review, remediated, remediation_failed, cancelled}},
      {remediated, true, {}},
      {remediation_failed, true, {}},
      {cancelled, true, {}},
      {unmatched, true, {}},
      {rejected, true, {}},
      {skipped, true, {}},
      {failed, true, {}},
  }};
  return rows;
}

const row* find(std::string_view s) {
  for (const auto& r : table())
    if (r.name == s) return &r;
  return nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<std::string_view> all() {
  std::vector<std::string_view> out;
  for (const auto& r : table()) out.push_back(r.name);
  return out;
}

bool is_known(std::string_view s) { return find(s) != nullptr; }

bool is_final(std::string_view s) {
  const row* r = find(s);
  return r && r->final;
}

bool may_move(std::string_view from, std::string_view to) {
  if (!is_known(to)) return false;
  const row* r = find(from);
  if (!r) return true;
  return std::find(r->next.begin(), r->next.end(), to) != r->next.end();
}

std::optional<outcome> parse_outcome(std::string_view reported) {
  const std::string s = lower(reported);
  if (s == "success" || s == "succeeded" || s == "remediated") return outcome::remediated;
  if (s == "failure" || s == "failed" || s == "remediation_failed")
    return outcome::remediation_failed;
  if (s == "cancelled" || s == "canceled") return outcome::cancelled;
  if (s == "awaiting_review") return outcome::awaiting_review;
  return std::nullopt;
}

std::string_view of(outcome o) {
  switch (o) {
    case outcome::remediated:
      return remediated;
    case outcome::remediation_failed:
      return remediation_failed;
    case outcome::cancelled:
      return cancelled;
    case outcome::awaiting_review:
      return awaiting_review;
  }
  return remediation_failed;
}

transition classify(std::string_view current, outcome next) {
  const std::string_view to = of(next);
  if (current == to) return transition::repeat;
  // A final item never changes again; a review request after the end is just as stale.
  if (is_final(current) || !may_move(current, to)) return transition::conflict;
  return transition::apply;
}

}  // namespace drift::status
