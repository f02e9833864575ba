#include "args.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>

namespace record {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
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
  options o;
  deployment_info& d = o.info;
  o.table = env("METADATA_TABLE");
  d.git_commit_sha = env("GITHUB_SHA");
  d.git_branch = env("GITHUB_REF_NAME");
  d.deployed_by = env("GITHUB_ACTOR");
  d.account_id = env("AWS_ACCOUNT_ID");
  d.region = env("AWS_REGION");
  d.state_region = env("AWS_REGION");
  std::map<std::string, std::string*> strings = {
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
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    bool inline_value = false;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
      inline_value = true;
    }
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      return o;
    }
    if (flag == "--dry-run") {
      o.dry_run = true;
      continue;
    }
    if (flag == "--use-lockfile") {
      d.use_lockfile = true;
      continue;
    }
    auto it = strings.find(flag);
    if (it == strings.end()) return core::error{"Usage", "unknown option " + flag};
    if (!inline_value) {
      if (i + 1 >= argc) return core::error{"Usage", flag + " needs a value"};
      value = argv[++i];
    }
    *it->second = value;
  }
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
  if (d.deployed_at.empty()) d.deployed_at = now_iso();
  if (d.workspace.empty()) d.workspace = "default";
  if (d.deployment_id.empty()) {
    std::string compact;
    for (char c : d.deployed_at)
      if (c != '-' && c != ':') compact += c;
    d.deployment_id = d.workspace + "-" + compact + "-" + d.git_commit_sha.substr(0, 12);
  }
  return o;
}

}  // namespace record
