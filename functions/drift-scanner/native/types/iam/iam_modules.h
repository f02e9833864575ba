// The IAM family's module accessors (also declared in ../../registry.h once registered), for
// the family's own sources.
#pragma once

#include "type_module.h"

namespace scanner::native {

const type_module& aws_iam_role_module();
const type_module& aws_iam_role_policy_module();
const type_module& aws_iam_role_policy_attachment_module();
const type_module& aws_iam_policy_module();
const type_module& aws_iam_user_module();
const type_module& aws_iam_user_policy_module();
const type_module& aws_iam_user_policy_attachment_module();
const type_module& aws_iam_group_module();
const type_module& aws_iam_group_policy_module();
const type_module& aws_iam_group_policy_attachment_module();
const type_module& aws_iam_group_membership_module();
const type_module& aws_iam_instance_profile_module();
const type_module& aws_iam_openid_connect_provider_module();

}  // namespace scanner::native
