#include "terraform_engine.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "aws/credentials.h"
#include "aws/session.h"
#include "core/env.h"
#include "plan_findings.h"
#include "process.h"

namespace fs = std::filesystem;

namespace scanner {

namespace {

findings failed(std::string code, std::string message) {
  findings f;
  f.engine = "terraform";
  f.errors.push_back({std::move(code), std::move(message), ""});
  return f;
}

// The last lines of Terraform's error output: enough to act on, never the whole log.
std::string tail(const std::string& s, std::size_t max = 1500) {
  std::string t = s.size() > max ? "..." + s.substr(s.size() - max) : s;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

// A private copy of the configuration, so that concurrent scans and a read-only checkout
// work: .terraform and local state files are left behind.
std::error_code copy_configuration(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(from, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto rel = fs::relative(it->path(), from, ec);
    if (ec) break;
    const std::string first = rel.begin()->string();
    if (first == ".terraform" || first == ".git" || first.rfind("terraform.tfstate", 0) == 0) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory()) {
      fs::create_directories(to / rel, ec);
    } else if (it->is_regular_file()) {
      fs::copy_file(it->path(), to / rel, fs::copy_options::overwrite_existing, ec);
    }
    if (ec) break;
  }
  return ec;
}

struct temp_dir {
  fs::path path;
  bool keep = false;
  explicit temp_dir(const std::string& root) {
    std::string tmpl =
        (root.empty() ? fs::temp_directory_path().string() : root) + "/drift-tf-XXXXXX";
    if (::mkdtemp(tmpl.data())) path = tmpl;
  }
  ~temp_dir() {
    std::error_code ec;
    if (!path.empty() && !keep) fs::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
};

}  // namespace

terraform_engine::terraform_engine(terraform_engine_options o) : opts_(std::move(o)) {
  if (opts_.binary.empty()) opts_.binary = locate_binary();
  if (opts_.work_root.empty()) opts_.work_root = core::env::get_or("TMPDIR", "/tmp");
  if (core::env::get_or("DRIFT_KEEP_TERRAFORM_DIR", "") == "1") opts_.keep_workdir = true;
}

std::string terraform_engine::locate_binary() {
  return find_executable(core::env::get_or("TERRAFORM_BINARY", "terraform"));
}

findings terraform_engine::scan(const workspace_scan& ws) {
  const target& t = *ws.tgt;
  if (opts_.binary.empty())
    return failed("TerraformNotFound", "no terraform binary (PATH or TERRAFORM_BINARY)");
  std::error_code ec;
  if (t.terraform_dir.empty() || !fs::is_directory(t.terraform_dir, ec))
    return failed("TerraformDirMissing",
                  "terraform_dir '" + t.terraform_dir + "' is not a directory");

  temp_dir work(opts_.work_root);
  if (work.path.empty()) return failed("TerraformWorkDir", "cannot create a working directory");
  work.keep = opts_.keep_workdir;
  const fs::path config = work.path / "config";
  fs::create_directories(config, ec);
  if (!ec) ec = copy_configuration(t.terraform_dir, config);
  if (ec) return failed("TerraformWorkDir", "cannot copy terraform_dir: " + ec.message());

  std::map<std::string, std::string> env{
      {"TF_IN_AUTOMATION", "1"},
      {"TF_INPUT", "0"},
      {"CHECKPOINT_DISABLE", "1"},
      {"TF_DATA_DIR", (work.path / "data").string()},
      // "" removes a variable: the workspace is chosen below, never inherited.
      {"TF_WORKSPACE", ws.workspace == "default" ? "" : ws.workspace},
      {"AWS_REGION", t.region.empty() ? "" : t.region},
  };
  if (t.region.empty()) env.erase("AWS_REGION");
  // An assumed role's credentials (the target's account) reach Terraform as its environment.
  if (!t.role_arn.empty() && ws.cloud) {
    auto creds = ws.cloud->credentials()->get();
    if (!creds) return failed("AssumeRoleFailed", creds.error().describe());
    env["AWS_ACCESS_KEY_ID"] = creds.value().access_key_id;
    env["AWS_SECRET_ACCESS_KEY"] = creds.value().secret_access_key;
    env["AWS_SESSION_TOKEN"] = creds.value().session_token;
    env["AWS_PROFILE"] = "";
  }

  std::vector<std::string> init{
      opts_.binary,
      "init",
      "-input=false",
      "-no-color",
      "-reconfigure",
      "-backend-config=bucket=" + t.state.bucket,
      "-backend-config=key=" + t.state.key,
      "-backend-config=region=" + (t.state.region.empty() ? t.region : t.state.region),
      "-backend-config=workspace_key_prefix=" + t.state.workspace_key_prefix};
  if (!t.state.dynamodb_table.empty())
    init.push_back("-backend-config=dynamodb_table=" + t.state.dynamodb_table);
  auto r = run_process(init, config.string(), env, ws.deadline);
  if (!r) return failed(r.error().code, r.error().message);
  if (r.value().timed_out)
    return failed("Timeout", "terraform init did not finish before the deadline");
  if (r.value().exit_code != 0)
    return failed("TerraformInitFailed",
                  "terraform init exited " + std::to_string(r.value().exit_code) + ": " +
                      tail(r.value().err.empty() ? r.value().out : r.value().err));

  const std::string planfile = (work.path / "drift.tfplan").string();
  std::vector<std::string> plan{
      opts_.binary,  "plan",         "-refresh-only", "-detailed-exitcode",
      "-lock=false", "-input=false", "-no-color",     "-out=" + planfile};
  for (const auto& [k, v] : t.terraform_vars) plan.push_back("-var=" + k + "=" + v);
  r = run_process(plan, config.string(), env, ws.deadline);
  if (!r) return failed(r.error().code, r.error().message);
  if (r.value().timed_out)
    return failed("Timeout", "terraform plan did not finish before the deadline");
  // -detailed-exitcode: 0 no changes, 2 changes, 1 (or anything else) an error.
  const int plan_exit = r.value().exit_code;
  if (plan_exit != 0 && plan_exit != 2)
    return failed("TerraformPlanFailed",
                  "terraform plan exited " + std::to_string(plan_exit) + ": " +
                      tail(r.value().err.empty() ? r.value().out : r.value().err));

  r = run_process({opts_.binary, "show", "-json", "-no-color", planfile}, config.string(), env,
                  ws.deadline);
  if (!r) return failed(r.error().code, r.error().message);
  if (r.value().timed_out)
    return failed("Timeout", "terraform show did not finish before the deadline");
  if (r.value().exit_code != 0)
    return failed("TerraformShowFailed", "terraform show exited " +
                                             std::to_string(r.value().exit_code) + ": " +
                                             tail(r.value().err));
  auto f = findings_from_plan_json(r.value().out, ws.state, "terraform");
  if (!f) return failed("InvalidPlan", f.error().message);
  findings out = std::move(f.value());
  // Terraform's own verdict wins over ours: exit 2 with nothing we could read is a finding
  // we cannot show, exit 0 with drift would be a parser bug. Both are reported, not hidden.
  if (plan_exit == 0 && !out.drifts.empty())
    out.errors.push_back(
        {"PlanMismatch", "terraform plan exited 0 but its JSON holds resource_drift", ""});
  return out;
}

}  // namespace scanner
