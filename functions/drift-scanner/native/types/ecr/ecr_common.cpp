#include "ecr_common.h"

#include "aws/ecr.h"

namespace scanner::native::ecr {

change_locator repository_changes(std::vector<std::string_view> events) {
  return {"ecr.amazonaws.com", std::move(events), [](const change_call& c) {
            std::string name = string_at(c.request, {"repositoryName"});
            if (name.empty()) {
              // arn:aws:ecr:<region>:<account>:repository/<name, which may hold '/'>
              const std::string arn = string_at(c.request, {"resourceArn"});
              const std::string marker = ":repository/";
              if (const auto at = arn.find(marker); at != std::string::npos)
                name = arn.substr(at + marker.size());
            }
            return targets_of({name});
          }};
}

bool not_found(const aws::error& e) { return aws::ecr::is_missing(e); }

read_one_fn policy_part_reader(part_call get, const char* text_field, policy_shape shape) {
  return [get = std::move(get), text_field, shape = std::move(shape)](
             const read_context& ctx, const terraform::resource_instance& inst) {
    ctx.count();
    // The provider asks for the caller's own registry (no registryId), as here.
    auto r = get(ctx.cloud, inst.id, "");
    if (!r) return gone_or_failed(r.error(), not_found);
    auto d = new_object();
    set_string(*d, "registry_id", str_at(*r, {"registryId"}));
    set_string(*d, "repository", str_at(*r, {"repositoryName"}));
    set_string(*d, "policy", shape(str_at(*r, {text_field}), state_string(inst, "policy")));
    return live_resource::found(d);
  };
}

}  // namespace scanner::native::ecr
