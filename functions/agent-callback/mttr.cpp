#include "mttr.h"

#include <algorithm>
#include <cmath>

namespace callback {
std::string_view to_string(mttr_source s) {
  switch (s) {
    case mttr_source::computed:
      return "computed";
    case mttr_source::given:
      return "given";
    case mttr_source::replaced:
      return "replaced";
    case mttr_source::unknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<double> recovery_seconds(std::optional<clock::time_point> from,
                                       clock::time_point completed) {
  if (!from) return std::nullopt;
  const double secs = std::chrono::duration<double>(completed - *from).count();
  return std::max(0.0, std::round(secs));
}

mttr_decision decide_mttr(std::optional<double> given, std::optional<clock::time_point> detected,
                          clock::time_point completed, double tolerance_seconds) {
  mttr_decision out;
  out.computed = recovery_seconds(detected, completed);
  if (!out.computed) {
    out.seconds = given;
    out.source = given ? mttr_source::given : mttr_source::unknown;
    return out;
  }
  if (!given) {
    out.seconds = out.computed;
    out.source = mttr_source::computed;
  } else if (std::fabs(*given - *out.computed) <= tolerance_seconds) {
    out.seconds = given;
    out.source = mttr_source::given;
  } else {
    out.seconds = out.computed;
    out.source = mttr_source::replaced;
  }
  return out;
}

}  // namespace callback
