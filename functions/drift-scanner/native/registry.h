// The table of resource types the native engine knows. Adding a type: write
// types/<type>.cpp defining its module, declare its accessor here and add it to the table in
// registry.cpp (one line); its test goes under tests/native/.
#pragma once

#include <string_view>
#include <vector>

#include "type_module.h"

namespace scanner {
struct change_event;
}

namespace scanner::native {

// nullptr: a type the engine does not know (reported as not checked).
const type_module* find_module(std::string_view type);
const std::vector<const type_module*>& all_modules();

// A resource a CloudTrail call touched: its Terraform type and where it is in a state.
struct located {
  std::string_view type;
  change_target where;
};
// Every resource of a known type the call may have changed, by the types' change locators
// (type_module::changes), in registry order. Nothing for a failed or read-only call (it
// changed nothing), nor for one no type declares.
std::vector<located> locate(const change_event& e);

// One accessor per module (types/*.cpp).
const type_module& aws_s3_bucket_module();
const type_module& aws_s3_bucket_versioning_module();
const type_module& aws_s3_bucket_server_side_encryption_configuration_module();
const type_module& aws_s3_bucket_public_access_block_module();
const type_module& aws_s3_bucket_policy_module();
const type_module& aws_s3_bucket_lifecycle_configuration_module();
const type_module& aws_s3_bucket_logging_module();
const type_module& aws_s3_bucket_ownership_controls_module();
const type_module& aws_s3_bucket_acl_module();
const type_module& aws_s3_bucket_cors_configuration_module();
const type_module& aws_s3_bucket_website_configuration_module();
const type_module& aws_s3_bucket_object_lock_configuration_module();
const type_module& aws_s3_bucket_notification_module();
const type_module& aws_s3_bucket_replication_configuration_module();
const type_module& aws_security_group_module();
const type_module& aws_vpc_security_group_ingress_rule_module();
const type_module& aws_vpc_security_group_egress_rule_module();
const type_module& aws_security_group_rule_module();
const type_module& aws_network_acl_module();
const type_module& aws_network_acl_rule_module();
const type_module& aws_vpc_dhcp_options_module();
const type_module& aws_network_interface_module();
const type_module& aws_vpc_endpoint_module();
const type_module& aws_instance_module();
const type_module& aws_vpc_module();
const type_module& aws_subnet_module();
const type_module& aws_internet_gateway_module();
const type_module& aws_route_table_module();
const type_module& aws_route_module();
const type_module& aws_route_table_association_module();
const type_module& aws_main_route_table_association_module();
const type_module& aws_eip_module();
const type_module& aws_nat_gateway_module();
const type_module& aws_ebs_volume_module();
const type_module& aws_db_instance_module();
const type_module& aws_db_subnet_group_module();
const type_module& aws_db_parameter_group_module();
const type_module& aws_rds_cluster_module();
const type_module& aws_efs_file_system_module();
const type_module& aws_efs_mount_target_module();
const type_module& aws_elasticache_subnet_group_module();
const type_module& aws_elasticache_replication_group_module();
const type_module& aws_dynamodb_table_module();
const type_module& aws_lambda_function_module();
const type_module& aws_sns_topic_module();
const type_module& aws_sqs_queue_module();
const type_module& aws_lb_module();
const type_module& aws_lb_target_group_module();
const type_module& aws_lb_listener_module();
const type_module& aws_lb_listener_rule_module();
const type_module& aws_lb_target_group_attachment_module();
const type_module& aws_lambda_permission_module();
const type_module& aws_sns_topic_subscription_module();
const type_module& aws_sns_topic_policy_module();
const type_module& aws_sqs_queue_policy_module();
const type_module& aws_sqs_queue_redrive_policy_module();
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
const type_module& aws_kms_key_module();
const type_module& aws_kms_alias_module();
const type_module& aws_secretsmanager_secret_module();
const type_module& aws_ssm_parameter_module();
const type_module& aws_lambda_alias_module();
const type_module& aws_cloudwatch_log_group_module();
const type_module& aws_route53_zone_module();
const type_module& aws_route53_record_module();
const type_module& aws_acm_certificate_module();
const type_module& aws_cloudwatch_metric_alarm_module();
const type_module& aws_cloudwatch_event_bus_module();
const type_module& aws_cloudwatch_event_rule_module();
const type_module& aws_cloudwatch_event_target_module();
const type_module& aws_lambda_event_source_mapping_module();
const type_module& aws_lambda_function_url_module();
const type_module& aws_key_pair_module();
const type_module& aws_launch_template_module();
const type_module& aws_autoscaling_group_module();
const type_module& aws_ecr_repository_module();
const type_module& aws_ecr_lifecycle_policy_module();
const type_module& aws_ecr_repository_policy_module();
const type_module& aws_ecs_cluster_module();
const type_module& aws_ecs_task_definition_module();
const type_module& aws_ecs_service_module();
const type_module& aws_eks_cluster_module();
const type_module& aws_eks_node_group_module();

}  // namespace scanner::native
