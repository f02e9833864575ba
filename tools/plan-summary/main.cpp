// plan-summary PLAN_JSON: prints the redacted summary of a `terraform show -json` plan
// (src/summary.h). Exit 0, or 1 with the reason on stderr; 2 for a usage error.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "src/summary.h"

int main(int argc, char** argv) {
  const std::string arg = argc == 2 ? argv[1] : "";
  if (argc != 2 || arg == "--help" || arg == "-h") {
    std::cerr << "usage: plan-summary PLAN_JSON   (`terraform show -json PLANFILE` output; - for "
                 "stdin)\nPrints the plan's changes with every sensitive value replaced by "
                 "\"(sensitive)\".\n";
    return argc == 2 ? 0 : 2;
  }
  std::ostringstream ss;
  if (arg == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(arg, std::ios::binary);
    if (!in) {
      std::cerr << "plan-summary: cannot read " << arg << "\n";
      return 1;
    }
    ss << in.rdbuf();
  }
  auto out = plan_summary::summarize(ss.str());
  if (!out) {
    std::cerr << "plan-summary: " << out.error().code << ": " << out.error().message << "\n";
    return 1;
  }
  std::cout << *out;
  return 0;
}
