# S3 bucket parts: a website bucket with its ownership controls, ACL, CORS rules and website
# configuration as resources of their own; a bucket created with object lock and its default
# retention; a bucket notifying a queue and a topic, its ACLs turned off by its ownership
# controls; a versioned bucket replicated to another.
resource "aws_s3_bucket" "site" {
  bucket        = "${local.name}-site"
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "site" {
  depends_on = [aws_s3_bucket_ownership_controls.site]
  bucket     = aws_s3_bucket.site.id
  acl        = "private"
}

resource "aws_s3_bucket_cors_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  cors_rule {
    id              = "app"
    allowed_headers = ["Authorization", "Content-Type"]
    allowed_methods = ["PUT", "GET"]
    allowed_origins = ["https://app.example.com"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
  }
}

resource "aws_s3_bucket_website_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  index_document {
    suffix = "index.html"
  }
  error_document {
    key = "error.html"
  }
  routing_rule {
    condition {
      key_prefix_equals = "docs/"
    }
    redirect {
      replace_key_prefix_with = "documents/"
    }
  }
}

resource "aws_s3_bucket" "locked" {
  bucket              = "${local.name}-locked"
  force_destroy       = true
  object_lock_enabled = true
  tags                = local.tags
}

resource "aws_s3_bucket_object_lock_configuration" "locked" {
  bucket = aws_s3_bucket.locked.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 1
    }
  }
}

resource "aws_s3_bucket" "events" {
  bucket        = "${local.name}-events"
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "events" {
  bucket = aws_s3_bucket.events.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_sqs_queue" "uploads" {
  name = "${local.name}-uploads"
  tags = local.tags
}

resource "aws_sns_topic" "uploads" {
  name = "${local.name}-uploads"
  tags = local.tags
}

resource "aws_s3_bucket_notification" "events" {
  bucket = aws_s3_bucket.events.id
  queue {
    id            = "images"
    queue_arn     = aws_sqs_queue.uploads.arn
    events        = ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post"]
    filter_prefix = "images/"
    filter_suffix = ".png"
  }
  topic {
    id        = "removed"
    topic_arn = aws_sns_topic.uploads.arn
    events    = ["s3:ObjectRemoved:*"]
  }
}

resource "aws_s3_bucket" "source" {
  bucket        = "${local.name}-source"
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket" "replica" {
  bucket        = "${local.name}-replica"
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket_versioning" "source" {
  bucket = aws_s3_bucket.source.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "replica" {
  bucket = aws_s3_bucket.replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "replication" {
  name = "${local.name}-replication"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "s3.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  tags = local.tags
}

resource "aws_s3_bucket_replication_configuration" "source" {
  depends_on = [aws_s3_bucket_versioning.source, aws_s3_bucket_versioning.replica]
  bucket     = aws_s3_bucket.source.id
  role       = aws_iam_role.replication.arn
  rule {
    id       = "all"
    priority = 1
    status   = "Enabled"
    filter {
      prefix = "data/"
    }
    delete_marker_replication {
      status = "Disabled"
    }
    destination {
      bucket        = aws_s3_bucket.replica.arn
      storage_class = "STANDARD_IA"
    }
  }
}
