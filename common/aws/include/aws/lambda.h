// AWS Lambda (REST-JSON): configuration reads and invocation.
#pragma once

#include <rapidjson/document.h>

#include <string>

#include "aws/session.h"

namespace aws::lambda {

enum class invocation_type { request_response, event, dry_run };

struct invoke_result {
  long status = 0;             // 200 (RequestResponse), 202 (Event), 204 (DryRun)
  std::string payload;         // the function's answer (RequestResponse)
  std::string function_error;  // X-Amz-Function-Error ("Unhandled"...), "" when none
  std::string executed_version;
};

// The function's configuration as Lambda returns it (FunctionName, FunctionArn, Runtime,
// State, Environment...).
core::result<rapidjson::Document, error> get_function_configuration(session& s,
                                                                    const std::string& name);

core::result<invoke_result, error> invoke(session& s, const std::string& name,
                                          const std::string& payload,
                                          invocation_type type = invocation_type::event);

}  // namespace aws::lambda
