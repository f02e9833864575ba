// A moto_server for the benchmark: DRIFT_MOTO_ENDPOINT when set, else one started here on a
// free loopback port (with TCP_NODELAY on its connections) and stopped when this object goes
// away.
#pragma once

#include <sys/types.h>

#include <string>

namespace bench {

class local_moto {
 public:
  local_moto();
  ~local_moto();
  local_moto(const local_moto&) = delete;
  local_moto& operator=(const local_moto&) = delete;

  const std::string& endpoint() const { return endpoint_; }  // "" when none could be started

 private:
  std::string endpoint_;
  pid_t pid_ = -1;
};

}  // namespace bench
