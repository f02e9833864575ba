#include "lifecycle.h"

#include <array>
#include <cctype>
#include <string>

namespace callback {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<outcome> parse_outcome(std::string_view reported) {
  const std::string s = lower(reported);
  if (s == "success" || s == "succeeded" || s == "remediated") return outcome::remediated;
  if (s == "failure" || s == "failed" || s == "remediation_failed")
    return outcome::remediation_failed;
  if (s == "cancelled" || s == "canceled") return outcome::cancelled;
  if (s == "awaiting_review") return outcome::awaiting_review;
  return std::nullopt;
}

std::string_view history_status(outcome o) {
  switch (o) {
    case outcome::remediated:
      return "remediated";
    case outcome::remediation_failed:
      return "remediation_failed";
    case outcome::cancelled:
      return "cancelled";
    case outcome::awaiting_review:
      return "awaiting_review";
  }
  return "remediation_failed";
}

bool is_final_status(std::string_view status) {
  static constexpr std::array<std::string_view, 7> finals = {
      "remediated", "remediation_failed", "cancelled", "unmatched", "rejected", "skipped",
      "failed"};
  for (auto f : finals)
    if (status == f) return true;
  return false;
}

transition classify(std::string_view current_status, outcome next) {
  if (current_status == history_status(next)) return transition::repeat;
  // A final record never changes again; a review request after the end is just as stale.
  if (is_final_status(current_status)) return transition::conflict;
  return transition::apply;
}

}  // namespace callback
