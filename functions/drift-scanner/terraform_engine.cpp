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

findings failed(const core::error& e) { return failed(e.code, e.message); }

// One Terraform command in the private copy: its output, or an error when it cannot start,
// outlives the deadline (Timeout), or exits with a status other than 0 and `also_ok` (`code`,
// with the tail of what it said).
struct command_runner {
  std::string dir;
  const std::map<std::string, std::string>& env;
  std::chrono::system_clock::time_point deadline;

  core::result<process_result> run(const std::string& what, const std::vector<std::string>& argv,
                                   const char* code, int also_ok = 0) const {
    auto r = run_process(argv, dir, env, deadline);
    if (!r) return r.error();
    if (r->timed_out)
      return core::error{"Timeout", "terraform " + what + " did not finish before the deadline"};
    if (r->exit_code != 0 && r->exit_code != also_ok)
      return core::error{code, "terraform " + what + " exited " + std::to_string(r->exit_code) +
                                   ": " + tail(r->err.empty() ? r->out : r->err)};
    return r;
  }
};

// The findings of `terraform show -json`. Terraform's own verdict wins over ours: exit 2 with
// nothing we could read is a finding we cannot show, exit 0 with drift would be a parser bug.
// Both are reported, not hidden.
findings read_plan(const std::string& plan_json, int plan_exit, const terraform::state* state) {
  auto f = findings_from_plan_json(plan_json, state, "terraform");
  if (!f) return failed("InvalidPlan", f.error().message);
  findings out = std::move(f.value());
  if (plan_exit == 0 && !out.drifts.empty())
    out.errors.push_back(
        {"PlanMismatch", "terraform plan exited 0 but its JSON holds resource_drift", ""});
  return out;
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
  auto env = terraform_environment(ws, work.path / "data");
  if (!env) return failed(env.error());

  const command_runner terraform{config.string(), env.value(), ws.deadline};
  if (auto init = terraform.run("init", init_arguments(t), "TerraformInitFailed"); !init)
    return failed(init.error());
  const std::string planfile = (work.path / "drift.tfplan").string();
  // -detailed-exitcode: 0 no changes, 2 changes, 1 (or anything else) an error.
  auto plan = terraform.run("plan", plan_arguments(t, planfile), "TerraformPlanFailed", 2);
  if (!plan) return failed(plan.error());
  auto show = terraform.run("show", {opts_.binary, "show", "-json", "-no-color", planfile},
                            "TerraformShowFailed");
  if (!show) return failed(show.error());
  return read_plan(show->out, plan->exit_code, ws.state);
}

core::result<std::map<std::string, std::string>> terraform_engine::terraform_environment(
    const workspace_scan& ws, const fs::path& data_dir) const {
  const target& t = *ws.tgt;
  std::map<std::string, std::string> env{
      {"TF_IN_AUTOMATION", "1"},
      {"TF_INPUT", "0"},
      {"CHECKPOINT_DISABLE", "1"},
      {"TF_DATA_DIR", data_dir.string()},
      // "" removes a variable: the workspace is chosen by TF_WORKSPACE alone, never inherited.
      {"TF_WORKSPACE", ws.workspace == "default" ? "" : ws.workspace},
  };
  if (!t.region.empty()) env["AWS_REGION"] = t.region;
  // An assumed role's credentials (the target's account) reach Terraform as its environment.
  if (!t.role_arn.empty() && ws.cloud) {
    auto creds = ws.cloud->credentials()->get();
    if (!creds) return core::error{"AssumeRoleFailed", creds.error().describe()};
    env["AWS_ACCESS_KEY_ID"] = creds.value().access_key_id;
    env["AWS_SECRET_ACCESS_KEY"] = creds.value().secret_access_key;
    env["AWS_SESSION_TOKEN"] = creds.value().session_token;
    env["AWS_PROFILE"] = "";
  }
  return env;
}

std::vector<std::string> terraform_engine::init_arguments(const target& t) const {
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
  return init;
}

std::vector<std::string> terraform_engine::plan_arguments(const target& t,
                                                          const std::string& planfile) const {
  std::vector<std::string> plan{
      opts_.binary,  "plan",         "-refresh-only", "-detailed-exitcode",
      "-lock=false", "-input=false", "-no-color",     "-out=" + planfile};
  for (const auto& [k, v] : t.terraform_vars) plan.push_back("-var=" + k + "=" + v);
  return plan;
}

bool terraform_engine_chosen(const std::string& wanted, const target& t) {
  return wanted == "terraform" || (wanted == "auto" && !t.terraform_dir.empty() &&
                                   std::filesystem::is_directory(t.terraform_dir) &&
                                   !terraform_engine::locate_binary().empty());
}

}  // namespace scanner
