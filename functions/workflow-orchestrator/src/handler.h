// One invocation: its records one by one, then one PutMetricData, then the response listing
// every record's outcome. SQS batches report failed records in batchItemFailures; an SNS
// invocation with a failed record fails as a whole so that Lambda retries it (records that
// succeeded are then seen as duplicates and not dispatched again).
#pragma once

#include <lambda_runtime/runtime.h>

#include "processor.h"

namespace orchestrator {

class handler {
 public:
  handler(const config& cfg, services svc) : cfg_(cfg), svc_(svc), proc_(cfg, svc) {}

  lambda_runtime::invocation_response operator()(const lambda_runtime::invocation_request& req);

 private:
  const config& cfg_;
  services svc_;
  processor proc_;
};

}  // namespace orchestrator
