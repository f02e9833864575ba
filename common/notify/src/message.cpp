#include "notify/message.h"

namespace notify {

const char* to_string(kind k) {
  switch (k) {
    case kind::drift:
      return "drift";
    case kind::drift_resolved:
      return "drift_resolved";
    case kind::remediation_outcome:
      return "remediation_outcome";
    case kind::remediation_stuck:
      return "remediation_stuck";
  }
  return "drift";
}

}  // namespace notify
