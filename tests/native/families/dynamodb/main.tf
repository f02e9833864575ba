# DynamoDB: a table with point-in-time recovery and TTL.
resource "aws_dynamodb_table" "events" {
  name         = "${local.name}-events"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  ttl {
    attribute_name = "expires"
    enabled        = true
  }
  tags = local.tags
}
