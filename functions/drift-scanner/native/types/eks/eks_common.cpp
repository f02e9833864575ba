#include "eks_common.h"

#include <cmath>
#include <ctime>

namespace scanner::native::eks {

bool not_found(const aws::error& e) {
  return e.code == "ResourceNotFoundException" || e.http_status == 404;
}

std::string rfc3339(const rapidjson::Value* epoch) {
  if (!epoch || !epoch->IsNumber()) return "";
  const auto t = static_cast<std::time_t>(std::floor(epoch->GetDouble()));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace scanner::native::eks
