// lambda-harness serving one bootstrap (ours or the Python one), for the benchmark: invokes
// with the round trip timed on this side, and the handler times from the harness's REPORT lines.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "http/client.h"

namespace bench {

struct invocation {
  std::string body;
  double round_trip_ms = 0;
};

class function_harness {
 public:
  function_harness(const std::string& harness_binary, const std::string& function,
                   const std::string& bootstrap, const std::map<std::string, std::string>& env);
  ~function_harness();
  function_harness(const function_harness&) = delete;
  function_harness& operator=(const function_harness&) = delete;

  bool running() const { return !endpoint_.empty(); }
  invocation invoke(const std::string& payload);
  // Duration of every warm invocation so far (REPORT lines without Init Duration), in order.
  std::vector<double> warm_durations_ms(std::size_t expected) const;
  std::string log() const;

 private:
  std::string function_, dir_, endpoint_;
  pid_t pid_ = -1;
  http::client client_;
};

}  // namespace bench
