// Mean time to recovery for one event: from the detection time recorded in drift history to
// the callback. The caller may send its own figure; the record is the authority.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace callback {

using clock = core::time::clock;

enum class mttr_source { computed, given, replaced, unknown };
std::string_view to_string(mttr_source s);

struct mttr_decision {
  std::optional<double> seconds;  // nullopt: neither a usable record nor a given value
  mttr_source source = mttr_source::unknown;
  std::optional<double> computed;  // from the record, when it has a detection time
};

// Whole seconds from `from` to `completed`, never negative (a clock a little behind the
// detector's, or the changer's); nullopt without `from`. The MTTR from the change is this from
// the item's change_time.
std::optional<double> recovery_seconds(std::optional<clock::time_point> from,
                                       clock::time_point completed);

// A given value within `tolerance` of the computed one is kept (the caller measured the same
// interval); one further off is replaced by the computed value. No detection time: the given
// value, if any.
mttr_decision decide_mttr(std::optional<double> given, std::optional<clock::time_point> detected,
                          clock::time_point completed, double tolerance_seconds);

}  // namespace callback
