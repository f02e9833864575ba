#include "aws/error.h"

namespace aws {

std::string error::describe() const {
  std::string s = service.empty() ? code : service + " " + code;
  if (http_status) s += " (HTTP " + std::to_string(http_status);
  if (!request_id.empty()) s += http_status ? ", request " + request_id : " (request " + request_id;
  if (http_status || !request_id.empty()) s += ")";
  if (!message.empty()) s += ": " + message;
  return s;
}

}  // namespace aws
