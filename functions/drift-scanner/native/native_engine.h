// The native engine: compares a workspace's state with live AWS through the type modules
// (registry.h), concurrently and in batches, watching the scan's deadline; then lists the
// region for unmanaged resources of the supported types (unmanaged.h).
#pragma once

#include <map>
#include <string>

#include "engine.h"

namespace scanner::native {

struct engine_options {
  int workers = 8;             // concurrent AWS readers (each with its own session)
  bool find_unmanaged = true;  // NATIVE_UNMANAGED=0 turns discovery off
  // Types reading the same answer (a bucket and its parts) share one call (read_memo.h);
  // NATIVE_SHARE_READS=0 makes every type ask AWS itself, to compare.
  bool share_reads = true;
};

class native_engine final : public scanner::engine {
 public:
  explicit native_engine(engine_options o = {}) : opts_(o) {}
  std::string_view name() const override { return "native"; }
  findings scan(const workspace_scan& ws) override;

  // AWS calls made by the last scan (bench/native reports calls per resource).
  int last_calls() const { return last_calls_; }
  // The same calls by Terraform type; discovery's under kDiscoveryCalls.
  const std::map<std::string, int>& last_calls_by_type() const { return last_calls_by_type_; }
  // Retry attempts the last scan's sessions made (throttling's cost).
  long long last_retries() const { return last_retries_; }
  static constexpr const char* kDiscoveryCalls = "(unmanaged discovery)";

 private:
  engine_options opts_;
  int last_calls_ = 0;
  std::map<std::string, int> last_calls_by_type_;
  long long last_retries_ = 0;
};

// Options from the environment: NATIVE_WORKERS, NATIVE_UNMANAGED, NATIVE_SHARE_READS.
engine_options options_from_environment();

}  // namespace scanner::native
