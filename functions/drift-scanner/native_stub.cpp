// Built when native/ (the native engine, "drift-scanner 2 of 2") is absent: no native engine,
// so SCAN_ENGINE=native reports NoEngine and auto needs Terraform.
#include <cstdio>

#include "engine.h"
#include "types_command.h"

namespace scanner {

std::unique_ptr<engine> make_native_engine() { return nullptr; }

double native_calls_for(std::string_view, size_t) { return 0; }

double native_calls_for_mix(const std::map<std::string, size_t>&) { return 0; }

int run_types_command(int, char**) {
  std::fputs("types: this build has no native engine\n", stderr);
  return 1;
}

}  // namespace scanner
