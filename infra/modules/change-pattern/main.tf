# The one EventBridge event pattern of change capture, shared by the central
# rule (infra/capture.tf) and every forwarder (modules/change-forwarder). No
# resources: only the list of services and the pattern built from it.

locals {
  # The CloudTrail event sources of the supported native types: each type that
  # declares the calls changing it prints them as `changes.source` in
  # `drift-scanner/bootstrap types --json`. Keep this list equal to that
  # output; tests/infra/capture_sources.py fails when a type's source is missing.
  event_sources = [
    "acm.amazonaws.com",
    "autoscaling.amazonaws.com",
    "ec2.amazonaws.com",
    "ecr.amazonaws.com",
    "ecs.amazonaws.com",
    "elasticloadbalancing.amazonaws.com",
    "iam.amazonaws.com",
    "route53.amazonaws.com",
    "s3.amazonaws.com",
  ]

  # EventBridge names a CloudTrail event's `source` aws.<service>; the few
  # services whose name differs from their API host are listed here.
  source_exceptions = {
    "monitoring.amazonaws.com" = "aws.cloudwatch"
  }
  sources = sort(distinct([for s in local.event_sources :
    lookup(local.source_exceptions, s, "aws.${trimsuffix(s, ".amazonaws.com")}")
  ]))

  # Write calls of those services. No filter on who made the call: IAM users and
  # root have no session issuer, so an anything-but on roles would drop them;
  # the scanner leaves out the remediation and pipeline roles itself.
  event_pattern = {
    source        = local.sources
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = local.event_sources
      readOnly    = [false]
    }
  }
}

output "event_sources" {
  description = "CloudTrail event sources (detail.eventSource) of the supported native types."
  value       = local.event_sources
}

output "sources" {
  description = "EventBridge sources (aws.<service>) of those services."
  value       = local.sources
}

output "event_pattern" {
  description = "The capture rule's event pattern, as JSON."
  value       = jsonencode(local.event_pattern)
}
