// `bootstrap types [--json]`: the resource types the native engine reads and what each
// compares (native/type_catalog.h).
#pragma once

namespace scanner {

// argv[1] is "types". Returns the process exit code: 0, or 64 on an unknown argument.
int run_types_command(int argc, char** argv);

}  // namespace scanner
