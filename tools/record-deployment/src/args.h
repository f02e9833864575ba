// Command line and environment of record-deployment.
#pragma once

#include <string>

#include "core/result.h"
#include "items.h"

namespace record {

struct options {
  std::string state_file;  // "-": stdin
  std::string table;       // METADATA_TABLE
  bool dry_run = false;    // print the items instead of writing them
  bool help = false;
  deployment_info info;
};

const char* usage();
core::result<options> parse_args(int argc, char** argv);

}  // namespace record
