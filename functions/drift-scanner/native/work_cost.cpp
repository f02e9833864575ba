// The native engine's side of the work estimate: what a type's module says one instance costs.
#include <algorithm>

#include "engine.h"
#include "registry.h"

namespace scanner {

double native_calls_per_resource(std::string_view type) {
  const auto* m = native::find_module(type);
  if (!m) return 0;
  if (m->calls_per_resource > 0) return m->calls_per_resource;
  return 1.0 / static_cast<double>(std::max<size_t>(1, m->batch_size));
}

}  // namespace scanner
