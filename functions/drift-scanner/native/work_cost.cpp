// The native engine's side of the work estimate: what a type's module says its reads cost.
#include <algorithm>

#include "engine.h"
#include "registry.h"

namespace scanner {

double native_calls_for(std::string_view type, size_t instances) {
  const auto* m = native::find_module(type);
  if (!m || instances == 0) return 0;
  const size_t batch = std::max<size_t>(1, m->batch_size);
  const size_t reads = (instances + batch - 1) / batch;
  return static_cast<double>(reads) * m->calls_per_batch +
         static_cast<double>(instances) * m->calls_per_instance;
}

double native_calls_for_mix(const std::map<std::string, size_t>& mix) {
  double calls = 0;
  for (const auto& [type, n] : mix) {
    size_t paying = n;
    if (const auto* m = native::find_module(type); m && !m->shares_reads_with.empty()) {
      auto parent = mix.find(std::string(m->shares_reads_with));
      const size_t parents = parent == mix.end() ? 0 : parent->second;
      paying = n > parents ? n - parents : 0;
    }
    calls += native_calls_for(type, paying);
  }
  return calls;
}

}  // namespace scanner
