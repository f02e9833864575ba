#include "types_command.h"

#include <cstdio>
#include <string_view>

#include "native/type_catalog.h"

namespace scanner {

int run_types_command(int argc, char** argv) {
  bool json = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(
          "Usage: drift-scan types [--json]\n"
          "  The resource types the native engine reads: per type the provider-schema names\n"
          "  it compares, those it does not (with why), whether it finds unmanaged resources,\n"
          "  and how it is verified (ground-truth against Terraform, or offline-only).\n"
          "  --json adds the names proved offline only and the IAM actions each type's read\n"
          "  and listing call (what infra/modules/scan-read-policy grants), and the CloudTrail\n"
          "  calls that change the type (event source and names; null: none declared).\n",
          stdout);
      return 0;
    } else {
      std::fprintf(stderr, "types: unknown argument %s (try: types --help)\n", argv[i]);
      return 64;
    }
  }
  const std::string out = json ? native::types_json() + "\n" : native::types_table();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace scanner
