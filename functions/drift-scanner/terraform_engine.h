// The Terraform engine: where a `terraform` binary and the target's configuration exist (a
// CI runner, an operator's laptop), Terraform itself is the drift oracle. It initialises a
// private copy of terraform_dir against the target's S3 backend, runs
// `terraform plan -refresh-only -detailed-exitcode -lock=false -out=...`, reads
// `terraform show -json` and turns resource_drift into findings.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine.h"

namespace scanner {

struct terraform_engine_options {
  std::string binary;         // full path; empty: TERRAFORM_BINARY, else `terraform` in PATH
  std::string work_root;      // where private copies go; empty: $TMPDIR or /tmp
  bool keep_workdir = false;  // DRIFT_KEEP_TERRAFORM_DIR=1: leave the copy for debugging
};

class terraform_engine final : public engine {
 public:
  explicit terraform_engine(terraform_engine_options o = {});
  std::string_view name() const override { return "terraform"; }
  findings scan(const workspace_scan& ws) override;

  // The binary to use ("" when none is found).
  static std::string locate_binary();

 private:
  // Terraform's environment for one workspace: no prompts, its own data folder, the
  // workspace, the target's region, and an assumed role's credentials.
  core::result<std::map<std::string, std::string>> terraform_environment(
      const workspace_scan& ws, const std::filesystem::path& data_dir) const;
  std::vector<std::string> init_arguments(const target& t) const;
  std::vector<std::string> plan_arguments(const target& t, const std::string& planfile) const;

  terraform_engine_options opts_;
};

// Whether SCAN_ENGINE `wanted` means Terraform for `t`: "terraform", or "auto" when a binary
// and the target's terraform_dir exist (otherwise "auto" is the native engine).
bool terraform_engine_chosen(const std::string& wanted, const target& t);

}  // namespace scanner
