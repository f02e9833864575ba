// drift-scan: the scanner as a command-line tool (see --help): a scan or a captured plan graded
// on a workstation, and the `types`, `history` and `fleet` commands. The Lambda handler is the
// zip's `bootstrap` (main.cpp).
#include <string_view>

#include "cli.h"
#include "fleet_command.h"
#include "history_command.h"
#include "types_command.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "types")
    return scanner::run_types_command(argc, argv);
  if (argc >= 2 && std::string_view(argv[1]) == "history")
    return scanner::run_history_command(argc, argv);
  if (argc >= 2 && std::string_view(argv[1]) == "fleet")
    return scanner::run_fleet_command(argc, argv);
  return scanner::run_cli(argc, argv);
}
