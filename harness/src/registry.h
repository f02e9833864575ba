// The functions this harness serves, by name.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "function_pool.h"

namespace harness {

class registry {
 public:
  void add(std::unique_ptr<function_pool> pool) {
    const std::string name = pool->function().name;
    if (first_.empty()) first_ = name;
    pools_[name] = std::move(pool);
  }

  // Accepts a name, a partial ARN (123456789012:function:name) or a full ARN, with or
  // without a qualifier. "function" (the runtime interface emulator's fixed name) means the
  // first function unless one is really called that.
  function_pool* find(const std::string& name_or_arn) const;

  void shutdown_all() {
    for (auto& [name, pool] : pools_) pool->shutdown();
  }

  const std::map<std::string, std::unique_ptr<function_pool>>& pools() const { return pools_; }

 private:
  std::map<std::string, std::unique_ptr<function_pool>> pools_;
  std::string first_;
};

// The bare function name in a name or ARN.
std::string function_name_of(const std::string& name_or_arn);

}  // namespace harness
