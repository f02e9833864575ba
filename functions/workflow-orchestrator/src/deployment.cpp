#include "deployment.h"

namespace orchestrator {

std::string deployment::full_state_key() const {
  if (workspace.empty() || workspace == "default") return state_key;
  const std::string prefix = workspace_key_prefix.empty() ? "env:" : workspace_key_prefix;
  return prefix + "/" + workspace + "/" + state_key;
}

std::string deployment::terraform_lock_id() const { return state_bucket + "/" + full_state_key(); }

std::string deployment::state_location() const {
  return "s3://" + state_bucket + "/" + full_state_key();
}

}  // namespace orchestrator
