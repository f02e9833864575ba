#include "registry.h"

#include <algorithm>

#include "change_event.h"

namespace scanner::native {

const std::vector<const type_module*>& all_modules() {
  // Built once, read-only afterwards (a function-local static: thread-safe initialisation).
  static const std::vector<const type_module*> table = {
      &aws_s3_bucket_module(),
      &aws_s3_bucket_versioning_module(),
      &aws_s3_bucket_server_side_encryption_configuration_module(),
      &aws_s3_bucket_public_access_block_module(),
      &aws_s3_bucket_policy_module(),
      &aws_s3_bucket_lifecycle_configuration_module(),
      &aws_s3_bucket_logging_module(),
      &aws_s3_bucket_ownership_controls_module(),
      &aws_s3_bucket_acl_module(),
      &aws_s3_bucket_cors_configuration_module(),
      &aws_s3_bucket_website_configuration_module(),
      &aws_s3_bucket_object_lock_configuration_module(),
      &aws_s3_bucket_notification_module(),
      &aws_s3_bucket_replication_configuration_module(),
      &aws_security_group_module(),
      &aws_vpc_security_group_ingress_rule_module(),
      &aws_vpc_security_group_egress_rule_module(),
      &aws_security_group_rule_module(),
      &aws_network_acl_module(),
      &aws_network_acl_rule_module(),
      &aws_vpc_dhcp_options_module(),
      &aws_network_interface_module(),
      &aws_vpc_endpoint_module(),
      &aws_instance_module(),
      &aws_vpc_module(),
      &aws_subnet_module(),
      &aws_internet_gateway_module(),
      &aws_route_table_module(),
      &aws_route_module(),
      &aws_route_table_association_module(),
      &aws_main_route_table_association_module(),
      &aws_eip_module(),
      &aws_nat_gateway_module(),
      &aws_ebs_volume_module(),
      &aws_db_instance_module(),
      &aws_db_subnet_group_module(),
      &aws_db_parameter_group_module(),
      &aws_rds_cluster_module(),
      &aws_efs_file_system_module(),
      &aws_efs_mount_target_module(),
      &aws_elasticache_subnet_group_module(),
      &aws_elasticache_replication_group_module(),
      &aws_dynamodb_table_module(),
      &aws_lambda_function_module(),
      &aws_sns_topic_module(),
      &aws_sqs_queue_module(),
      &aws_lb_module(),
      &aws_lb_target_group_module(),
      &aws_lb_listener_module(),
      &aws_lb_listener_rule_module(),
      &aws_lb_target_group_attachment_module(),
      &aws_lambda_permission_module(),
      &aws_sns_topic_subscription_module(),
      &aws_sns_topic_policy_module(),
      &aws_sqs_queue_policy_module(),
      &aws_sqs_queue_redrive_policy_module(),
      &aws_iam_role_module(),
      &aws_iam_role_policy_module(),
      &aws_iam_role_policy_attachment_module(),
      &aws_iam_policy_module(),
      &aws_iam_user_module(),
      &aws_iam_user_policy_module(),
      &aws_iam_user_policy_attachment_module(),
      &aws_iam_group_module(),
      &aws_iam_group_policy_module(),
      &aws_iam_group_policy_attachment_module(),
      &aws_iam_group_membership_module(),
      &aws_iam_instance_profile_module(),
      &aws_iam_openid_connect_provider_module(),
      &aws_kms_key_module(),
      &aws_kms_alias_module(),
      &aws_secretsmanager_secret_module(),
      &aws_ssm_parameter_module(),
      &aws_lambda_alias_module(),
      &aws_cloudwatch_log_group_module(),
      &aws_route53_zone_module(),
      &aws_route53_record_module(),
      &aws_acm_certificate_module(),
      &aws_cloudwatch_metric_alarm_module(),
      &aws_cloudwatch_event_bus_module(),
      &aws_cloudwatch_event_rule_module(),
      &aws_cloudwatch_event_target_module(),
      &aws_lambda_event_source_mapping_module(),
      &aws_lambda_function_url_module(),
      &aws_key_pair_module(),
      &aws_launch_template_module(),
      &aws_autoscaling_group_module(),
      &aws_ecr_repository_module(),
      &aws_ecr_lifecycle_policy_module(),
      &aws_ecr_repository_policy_module(),
      &aws_ecs_cluster_module(),
      &aws_ecs_task_definition_module(),
      &aws_ecs_service_module(),
      &aws_eks_cluster_module(),
      &aws_eks_node_group_module(),
  };
  return table;
}

const type_module* find_module(std::string_view type) {
  for (const auto* m : all_modules())
    if (m->type == type) return m;
  return nullptr;
}

namespace {

bool declares(const change_locator& c, const change_event& e) {
  return c.source == e.event_source &&
         std::find(c.events.begin(), c.events.end(), e.event_name) != c.events.end();
}

}  // namespace

std::vector<located> locate(const change_event& e) {
  std::vector<located> out;
  if (!e.is_write()) return out;
  const change_call call{e.event_name, e.request_parameters, e.response_elements};
  for (const auto* m : all_modules()) {
    if (!m->changes || !m->changes->locate || !declares(*m->changes, e)) continue;
    for (auto& where : m->changes->locate(call)) out.push_back({m->type, std::move(where)});
  }
  return out;
}

}  // namespace scanner::native
