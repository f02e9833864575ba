// `drift-scan fleet [--html FILE]`: rebuilds the fleet page (reports/index.html) from the report
// bucket and the drifts and history tables, as a scheduled scan does after its reports.
#pragma once

namespace scanner {

// argv[1] is "fleet". Returns the process exit code: 0, 1 when the page cannot be built or
// written (or a table cannot be read), 64 on a bad argument.
int run_fleet_command(int argc, char** argv);

}  // namespace scanner
