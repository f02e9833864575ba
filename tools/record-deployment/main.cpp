// record-deployment: deployment-metadata items from a Terraform state file (README.md).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "aws/dynamodb.h"
#include "aws/json_protocol.h"
#include "aws/session.h"
#include "src/args.h"
#include "src/items.h"
#include "store/deployments.h"
#include "terraform/state.h"

namespace {

bool read_all(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  auto opts = record::parse_args(argc, argv);
  if (!opts) {
    std::fprintf(stderr, "record-deployment: %s\n\n%s", opts.error().message.c_str(),
                 record::usage());
    return 2;
  }
  if (opts->help) {
    std::fputs(record::usage(), stdout);
    return 0;
  }
  std::string bytes;
  if (!read_all(opts->state_file, bytes)) {
    std::fprintf(stderr, "record-deployment: cannot read %s\n", opts->state_file.c_str());
    return 1;
  }
  auto st = terraform::parse_state(bytes);
  if (!st) {
    std::fprintf(stderr, "record-deployment: %s\n", st.error().message.c_str());
    return 1;
  }
  record::deployment_info info = opts->info;
  if (info.terraform_version.empty()) info.terraform_version = st->terraform_version;
  const auto items = record::items_from_state(*st, info);
  if (opts->dry_run) {
    for (const auto& it : items) {
      rapidjson::Document doc;
      std::cout << aws::to_json(aws::dynamodb::to_wire(store::to_item(it), doc.GetAllocator()))
                << "\n";
    }
    return 0;
  }
  auto session = aws::session::from_environment();
  store::deployments table(*session, opts->table);
  int written = 0;
  for (const auto& it : items) {
    if (auto r = table.record(it); !r) {
      std::fprintf(stderr, "record-deployment: %s: %s\n", it.resource_arn.c_str(),
                   r.error().describe().c_str());
      return 1;
    }
    ++written;
  }
  std::printf("recorded %d resource(s) of deployment %s (%s, workspace %s) in %s\n", written,
              info.deployment_id.c_str(), info.git_commit_sha.c_str(), info.workspace.c_str(),
              opts->table.c_str());
  return 0;
}
