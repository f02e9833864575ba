// Built when native/ (the native engine, "drift-scanner 2 of 2") is absent: no native engine,
// so SCAN_ENGINE=native reports NoEngine and auto needs Terraform.
#include "engine.h"

namespace scanner {

std::unique_ptr<engine> make_native_engine() { return nullptr; }

}  // namespace scanner
