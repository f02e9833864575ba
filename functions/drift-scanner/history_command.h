// `bootstrap history [--json]`: the fleet's trend per environment, read from the drifts and
// history tables and computed by drift/trend.h.
#pragma once

namespace scanner {

// argv[1] is "history". Returns the process exit code: 0, 1 when a table cannot be read, 64 on
// a bad argument.
int run_history_command(int argc, char** argv);

}  // namespace scanner
