// What the client layer needs to know about each AWS service it talks to.
#pragma once

#include <string_view>

namespace aws {

enum class protocol { json, rest_json, query, ec2_query, rest_xml };

struct service {
  std::string_view id;               // SDK service id, e.g. "DynamoDB"
  std::string_view env_name;         // AWS_ENDPOINT_URL_<env_name>, e.g. "DYNAMODB"
  std::string_view endpoint_prefix;  // host prefix, e.g. "dynamodb", "monitoring"
  std::string_view signing_name;     // SigV4 service name
  protocol proto;
  std::string_view version;       // JSON target prefix or query API version
  std::string_view json_version;  // "1.0" / "1.1" for JSON services
};

namespace services {
inline constexpr service dynamodb{"DynamoDB",     "DYNAMODB",          "dynamodb", "dynamodb",
                                  protocol::json, "DynamoDB_20120810", "1.0"};
inline constexpr service ssm{"SSM", "SSM", "ssm", "ssm", protocol::json, "AmazonSSM", "1.1"};
inline constexpr service sqs{"SQS", "SQS", "sqs", "sqs", protocol::json, "AmazonSQS", "1.0"};
inline constexpr service eventbridge{"EventBridge",  "EVENTBRIDGE", "events", "events",
                                     protocol::json, "AWSEvents",   "1.1"};
inline constexpr service lambda{"Lambda",     "LAMBDA", "lambda", "lambda", protocol::rest_json,
                                "2015-03-31", ""};
inline constexpr service sns{"SNS", "SNS", "sns", "sns", protocol::query, "2010-03-31", ""};
inline constexpr service sts{"STS", "STS", "sts", "sts", protocol::query, "2011-06-15", ""};
inline constexpr service cloudwatch{
    "CloudWatch", "CLOUDWATCH", "monitoring", "monitoring", protocol::query, "2010-08-01", ""};
inline constexpr service rds{"RDS", "RDS", "rds", "rds", protocol::query, "2014-10-31", ""};
inline constexpr service ec2{"EC2", "EC2", "ec2", "ec2", protocol::ec2_query, "2016-11-15", ""};
inline constexpr service iam{"IAM", "IAM", "iam", "iam", protocol::query, "2010-05-08", ""};
inline constexpr service s3{"S3", "S3", "s3", "s3", protocol::rest_xml, "2006-03-01", ""};
inline constexpr service kms{"KMS", "KMS", "kms", "kms", protocol::json, "TrentService", "1.1"};
inline constexpr service secretsmanager{"Secrets Manager",
                                        "SECRETS_MANAGER",
                                        "secretsmanager",
                                        "secretsmanager",
                                        protocol::json,
                                        "secretsmanager",
                                        "1.1"};
inline constexpr service logs{"CloudWatch Logs", "CLOUDWATCH_LOGS", "logs", "logs",
                              protocol::json,    "Logs_20140328",   "1.1"};
}  // namespace services

}  // namespace aws
