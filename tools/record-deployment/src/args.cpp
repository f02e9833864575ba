#include "args.h"

#include <CLI/CLI.hpp>
#include <string_view>

#include "core/env.h"
#include "core/time.h"

namespace record {
namespace {

// CLI11's own words for a parse error, in this tool's (the errors callers and tests know).
std::string explain(const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    // "--table: 1 required TEXT missing"
    const auto colon = what.find(':');
    if (colon != std::string::npos) return what.substr(0, colon) + " needs a value";
  }
  return what;
}

bool is_help(std::string_view arg) {
  return arg == "-h" || arg == "--help" || arg.rfind("--help=", 0) == 0;
}

// The flags' defaults from the environment the workflow runs in.
options from_environment() {
  options o;
  deployment_info& d = o.info;
  o.table = core::env::get_or("METADATA_TABLE", "");
  d.git_commit_sha = core::env::get_or("GITHUB_SHA", "");
  d.git_branch = core::env::get_or("GITHUB_REF_NAME", "");
  d.deployed_by = core::env::get_or("GITHUB_ACTOR", "");
  d.account_id = core::env::get_or("AWS_ACCOUNT_ID", "");
  d.region = core::env::get_or("AWS_REGION", "");
  d.state_region = d.region;
  return o;
}

// Every flag of usage(), each a value or a switch; the last of a repeated flag wins.
void add_flags(CLI::App& app, options& o, bool& help) {
  deployment_info& d = o.info;
  app.set_help_flag();  // usage() is the help text
  app.allow_extras();   // an unknown argument is named in our own words
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_flag("-h,--help", help);
  app.add_flag("--dry-run", o.dry_run);
  app.add_flag("--use-lockfile", d.use_lockfile);
  const std::pair<const char*, std::string*> values[] = {
      {"--table", &o.table},
      {"--state", &o.state_file},
      {"--deployment-id", &d.deployment_id},
      {"--commit", &d.git_commit_sha},
      {"--branch", &d.git_branch},
      {"--tfvars", &d.tfvars_path},
      {"--workspace", &d.workspace},
      {"--environment", &d.environment},
      {"--state-bucket", &d.state_bucket},
      {"--state-key", &d.state_key},
      {"--workspace-key-prefix", &d.workspace_key_prefix},
      {"--state-region", &d.state_region},
      {"--lock-table", &d.lock_table},
      {"--policy-version", &d.policy_version},
      {"--status", &d.deployment_status},
      {"--deployed-by", &d.deployed_by},
      {"--deployed-at", &d.deployed_at},
      {"--account-id", &d.account_id},
      {"--region", &d.region},
  };
  for (const auto& [flag, target] : values) app.add_option(flag, *target);
}

// What a remediation needs, all named at once when missing; the status's allowed values.
core::result<core::unit> check_required(const options& o) {
  const deployment_info& d = o.info;
  std::string missing;
  auto need = [&](const std::string& v, const char* what) {
    if (v.empty()) missing += std::string(missing.empty() ? "" : ", ") + what;
  };
  need(o.state_file, "--state");
  need(d.git_commit_sha, "--commit");
  need(d.tfvars_path, "--tfvars");
  need(d.state_bucket, "--state-bucket");
  need(d.state_key, "--state-key");
  if (!o.dry_run) need(o.table, "--table");
  if (!missing.empty()) return core::error{"Usage", "missing " + missing};
  if (d.deployment_status != "success" && d.deployment_status != "failed" &&
      d.deployment_status != "rolled_back")
    return core::error{"Usage", "--status must be success, failed or rolled_back"};
  return core::unit{};
}

// deployed_at: now; workspace: default; deployment_id: <workspace>-<compact time>-<commit[0:12]>.
void fill_defaults(deployment_info& d) {
  if (d.deployed_at.empty()) d.deployed_at = core::time::iso8601(core::time::clock::now());
  if (d.workspace.empty()) d.workspace = "default";
  if (d.deployment_id.empty()) {
    std::string compact;
    for (char c : d.deployed_at)
      if (c != '-' && c != ':') compact += c;
    d.deployment_id = d.workspace + "-" + compact + "-" + d.git_commit_sha.substr(0, 12);
  }
}

}  // namespace

const char* usage() {
  return R"(record-deployment: writes deployment-metadata items (one per resource ARN) from a
Terraform state file, so that drift on those resources can be remediated from this deployment.

Usage: record-deployment --state FILE|- --deployment-id ID --commit SHA --tfvars PATH
         --state-bucket BUCKET --state-key KEY [options]

  --table NAME               metadata table (default: $METADATA_TABLE)
  --state FILE               the state (`terraform state pull > FILE`), "-" for stdin
  --deployment-id ID         default: <workspace>-<UTC time>-<commit[0:12]>
  --commit SHA               default: $GITHUB_SHA
  --branch NAME              default: $GITHUB_REF_NAME
  --tfvars PATH              tfvars file in the repository
  --workspace NAME           default: default
  --environment NAME         default: the workspace
  --state-bucket BUCKET      the S3 backend's bucket
  --state-key KEY            the S3 backend's key
  --workspace-key-prefix P   default: env:
  --state-region REGION      default: $AWS_REGION
  --lock-table NAME          the S3 backend's DynamoDB lock table, if any
  --use-lockfile             the backend locks with <key>.tflock in S3 (Terraform 1.10+)
  --policy-version V         the policy version the plan was checked against
  --status STATUS            success (default), failed or rolled_back
  --deployed-by WHO          default: $GITHUB_ACTOR
  --deployed-at ISO8601      default: now
  --account-id ID            for ARNs without one (S3); default: $AWS_ACCOUNT_ID
  --region REGION            for ARNs without one; default: $AWS_REGION
  --dry-run                  print the items as JSON lines; write nothing

AWS access as the SDKs do it (AWS_REGION, credentials chain, AWS_ENDPOINT_URL[_DYNAMODB]).
)";
}

core::result<options> parse_args(int argc, char** argv) {
  options o = from_environment();
  bool help = false;
  CLI::App app{"record-deployment", "record-deployment"};
  add_flags(app, o, help);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return core::error{"Usage", explain(e)};
  }
  // Read left to right, as a person does: a help flag before the first unknown argument wins.
  const std::vector<std::string> extras = app.remaining();
  for (int i = 1; i < argc; ++i) {
    if (!extras.empty() && argv[i] == extras.front())
      return core::error{"Usage", "unknown option " + extras.front()};
    if (is_help(argv[i])) break;
  }
  if (help) {
    o.help = true;
    return o;
  }
  if (auto ok = check_required(o); !ok) return ok.error();
  fill_defaults(o.info);
  return o;
}

}  // namespace record
