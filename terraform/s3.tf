# The report bucket: private, encrypted, versioned. Reports under var.report_prefix are kept;
# the workflow's scratch files under work/ expire.

resource "aws_s3_bucket" "reports" {
  count = var.create_bucket ? 1 : 0

  bucket        = var.report_bucket_name
  force_destroy = var.force_destroy_bucket
  tags          = local.tags
}

resource "aws_s3_bucket_public_access_block" "reports" {
  count = var.create_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.reports[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.reports[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "reports" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.reports[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.reports[0].id

  rule {
    id     = "expire-work-files"
    status = "Enabled"
    filter {
      prefix = local.work_prefix
    }
    expiration {
      days = var.work_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  # A report overwritten by a re-run keeps its old version for a while, then it goes.
  rule {
    id     = "expire-replaced-report-versions"
    status = "Enabled"
    filter {
      prefix = var.report_prefix
    }
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.reports]
}

data "aws_iam_policy_document" "reports_bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "reports" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.reports[0].id
  policy = data.aws_iam_policy_document.reports_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.reports]
}
