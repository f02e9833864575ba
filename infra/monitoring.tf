# Dashboard and alarms on the metric names and dimensions the functions publish (their READMEs).

locals {
  ns = var.metrics_namespace
  # SEARCH finds every Environment/Severity combination the functions sent,
  # without listing them here.
  search = {
    drift_by_env_severity = "SEARCH('{\"${local.ns}\",Environment,Severity} MetricName=\"DriftDetected\"', 'Sum', 21600)"
    resources_scanned     = "SEARCH('{\"${local.ns}\",Environment} MetricName=\"ResourcesScanned\"', 'Sum', 21600)"
    scan_errors           = "SEARCH('{\"${local.ns}\",Environment} MetricName=\"ScanErrors\"', 'Sum', 21600)"
    scan_duration         = "SEARCH('{\"${local.ns}\",Environment} MetricName=\"ScanDuration\"', 'Maximum', 21600)"
    dispatch_failures     = "SEARCH('{\"${local.ns}\",Environment} MetricName=\"DispatchFailures\"', 'Sum', 3600)"
    mttr                  = "SEARCH('{\"${local.ns}\",Environment,Severity} MetricName=\"MTTR\"', 'Average', 86400)"
    # The callback's MTTR from the change (From=change): a schema of its own, so neither the
    # widget above nor the alarm mixes it with the MTTR from detection.
    mttr_from_change      = "SEARCH('{\"${local.ns}\",Environment,Severity,From} MetricName=\"MTTR\"', 'Average', 86400)"
    remediation_rate      = "SEARCH('{\"${local.ns}\",Environment,Severity} MetricName=\"RemediationSuccess\"', 'Average', 86400)"
    remediation_count     = "SEARCH('{\"${local.ns}\",Environment,Severity} MetricName=\"RemediationSuccess\"', 'SampleCount', 86400)"
    drift_events_detected = "SEARCH('{\"${local.ns}\",Source} MetricName=\"DriftEventsDetected\"', 'Sum', 3600)"
    change_events_ignored = "SEARCH('{\"${local.ns}\",Reason} MetricName=\"ChangeEventsIgnored\"', 'Sum', 3600)"
    # Messages for people that a channel (slack, teams, pagerduty, github) did not take.
    notification_failures = "SEARCH('{\"${local.ns}\",Channel} MetricName=\"NotificationFailures\"', 'Sum', 3600)"
  }

  dlqs = merge(
    { for f in local.functions : "${f}-dlq" => aws_sqs_queue.function_dlq[f].name },
    {
      "orchestrator-retry-dlq" = aws_sqs_queue.retry_dlq.name
      "eventbridge-dlq"        = aws_sqs_queue.eventbridge_dlq.name
      "change-events-dlq"      = aws_sqs_queue.change_events_dlq.name
    },
  )

  search_widget = { for k, expr in local.search : k => [[{ expression = expr, id = "e1" }]] }
}

resource "aws_cloudwatch_dashboard" "drift" {
  dashboard_name = local.name["dashboard"]
  dashboard_body = jsonencode({
    widgets = [
      {
        type       = "text", x = 0, y = 0, width = 24, height = 2
        properties = { markdown = "## Terraform drift detection (${local.suffix})\nDrift found by the scanner and the DevOps Agent, remediations through GitHub, and the health of the pipeline. Namespace `${local.ns}`." }
      },
      {
        type       = "metric", x = 0, y = 2, width = 12, height = 6
        properties = { title = "Drift detected by environment and severity", region = local.region, view = "timeSeries", stacked = true, period = 21600, metrics = local.search_widget.drift_by_env_severity }
      },
      {
        type       = "metric", x = 12, y = 2, width = 12, height = 6
        properties = { title = "Resources scanned by environment", region = local.region, view = "timeSeries", period = 21600, metrics = local.search_widget.resources_scanned }
      },
      {
        type       = "metric", x = 0, y = 8, width = 8, height = 6
        properties = { title = "Scan errors by environment", region = local.region, view = "timeSeries", period = 21600, metrics = local.search_widget.scan_errors }
      },
      {
        type       = "metric", x = 8, y = 8, width = 8, height = 6
        properties = { title = "Scan duration (s)", region = local.region, view = "timeSeries", period = 21600, metrics = local.search_widget.scan_duration }
      },
      {
        type = "metric", x = 16, y = 8, width = 8, height = 6
        properties = {
          title   = "Function errors", region = local.region, view = "timeSeries", stat = "Sum", period = 3600
          metrics = [for f in local.functions : ["AWS/Lambda", "Errors", "FunctionName", local.function_name[f], { label = f }]]
        }
      },
      {
        type = "metric", x = 0, y = 14, width = 8, height = 6
        properties = {
          title       = "MTTR (s) by environment and severity", region = local.region, view = "timeSeries", period = 86400
          metrics     = local.search_widget.mttr
          annotations = { horizontal = [{ label = "MTTR target", value = var.mttr_target_seconds }] }
        }
      },
      {
        type = "metric", x = 8, y = 14, width = 8, height = 6
        properties = {
          title   = "Remediation success rate", region = local.region, view = "timeSeries", period = 86400
          metrics = local.search_widget.remediation_rate
          yAxis   = { left = { min = 0, max = 1 } }
        }
      },
      {
        type       = "metric", x = 16, y = 14, width = 8, height = 6
        properties = { title = "Remediations finished", region = local.region, view = "timeSeries", period = 86400, metrics = local.search_widget.remediation_count }
      },
      {
        type       = "metric", x = 0, y = 20, width = 12, height = 6
        properties = { title = "GitHub dispatch failures", region = local.region, view = "timeSeries", period = 3600, metrics = local.search_widget.dispatch_failures }
      },
      {
        type       = "metric", x = 0, y = 26, width = 12, height = 6
        properties = { title = "Drift events received by the orchestrator, by source", region = local.region, view = "timeSeries", stacked = true, period = 3600, metrics = local.search_widget.drift_events_detected }
      },
      {
        type = "metric", x = 12, y = 26, width = 12, height = 6
        properties = {
          title       = "MTTR (s) from the change (events with changeTime)", region = local.region, view = "timeSeries", period = 86400
          metrics     = local.search_widget.mttr_from_change
          annotations = { horizontal = [{ label = "MTTR target", value = var.mttr_target_seconds }] }
        }
      },
      {
        type       = "metric", x = 0, y = 32, width = 12, height = 6
        properties = { title = "CloudTrail change events ignored, by reason", region = local.region, view = "timeSeries", stacked = true, period = 3600, metrics = local.search_widget.change_events_ignored }
      },
      {
        type       = "metric", x = 12, y = 32, width = 12, height = 6
        properties = { title = "Messages not delivered, by channel", region = local.region, view = "timeSeries", stacked = true, period = 3600, metrics = local.search_widget.notification_failures }
      },
      {
        type = "metric", x = 12, y = 20, width = 12, height = 6
        properties = {
          title   = "Dead-letter queue depth", region = local.region, view = "timeSeries", stat = "Maximum", period = 300
          metrics = [for k, q in local.dlqs : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q, { label = k }]]
        }
      },
    ]
  })
}

# --- Alarms -----------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "scanner_errors" {
  alarm_name          = "drift-detection-scanner-errors-${local.suffix}"
  alarm_description   = "The drift scanner failed (function error or timeout)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.fn["drift-scanner"].function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "scan_errors" {
  alarm_name          = "drift-detection-scan-errors-${local.suffix}"
  alarm_description   = "A target could not be scanned (no access, missing state, bad target); see the target's report."
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "errors"
    expression  = "SELECT SUM(ScanErrors) FROM SCHEMA(\"${local.ns}\", Environment)"
    period      = 21600
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  for_each            = local.dlqs
  alarm_name          = "drift-detection-${each.key}-depth-${local.suffix}"
  alarm_description   = "Messages are waiting in ${each.value}: events that were never processed."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "mttr" {
  alarm_name          = "drift-detection-mttr-over-target-${local.suffix}"
  alarm_description   = "A remediation took longer than ${var.mttr_target_seconds} s from detection (MTTR, any environment and severity)."
  evaluation_periods  = 1
  threshold           = var.mttr_target_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]

  # SCHEMA with exactly Environment and Severity matches only the MTTR from detection: the series
  # from the change carries From as well and is left out (it starts earlier, at the change).
  metric_query {
    id          = "mttr"
    expression  = "SELECT MAX(MTTR) FROM SCHEMA(\"${local.ns}\", Environment, Severity)"
    period      = 3600
    return_data = true
  }
}

# A remediation that failed: the callback sends RemediationSuccess 0 for a run that failed or was
# cancelled, and the scanner's check sends 0 for a revert that did not hold.
resource "aws_cloudwatch_metric_alarm" "remediation_failures" {
  alarm_name          = "drift-detection-remediation-failures-${local.suffix}"
  alarm_description   = "A remediation failed, was cancelled, or its revert did not hold."
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "success"
    expression  = "SELECT MIN(RemediationSuccess) FROM SCHEMA(\"${local.ns}\", Environment, Severity)"
    period      = 300
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "dispatch_failures" {
  alarm_name          = "drift-detection-dispatch-failures-${local.suffix}"
  alarm_description   = "GitHub refused or failed a remediation dispatch."
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "failures"
    expression  = "SELECT SUM(DispatchFailures) FROM SCHEMA(\"${local.ns}\", Environment)"
    period      = 3600
    return_data = true
  }
}

# ScanDuration is also sent once per successful scan without dimensions, for
# exactly this alarm: no sample for N hours means no scan finished.
resource "aws_cloudwatch_metric_alarm" "no_successful_scan" {
  alarm_name          = "drift-detection-no-successful-scan-${local.suffix}"
  alarm_description   = "No drift scan finished in ${var.no_scan_alarm_hours} hours."
  namespace           = local.ns
  metric_name         = "ScanDuration"
  statistic           = "SampleCount"
  period              = 3600
  evaluation_periods  = var.no_scan_alarm_hours
  datapoints_to_alarm = var.no_scan_alarm_hours
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "remediations_stuck" {
  alarm_name          = "drift-detection-remediations-stuck-${local.suffix}"
  alarm_description   = "The sweeper found remediations stuck in received or dispatched (marked stale; see the alert topic for which)."
  namespace           = local.ns
  metric_name         = "RemediationsStuck"
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}
