# S3 bucket policies: s3:TlsVersion guards and aws:SecureTransport denials
# in jsonencode, heredoc JSON and aws_iam_policy_document.

resource "aws_s3_bucket_policy" "weak_jsonencode" { # want "TF-IAC-009"
  bucket = aws_s3_bucket.a.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["${aws_s3_bucket.a.arn}/*"]
      Condition = {
        NumericLessThan = { "s3:TlsVersion" = "1.0" } # want "TF-IAC-008"
      }
    }]
  })
}

resource "aws_s3_bucket_policy" "weak_heredoc" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.b.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    },
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {
        "NumericLessThan": {
          "s3:TlsVersion": "1.1" # want "TF-IAC-008"
        }
      }
    }
  ]
}
POLICY
}

data "aws_iam_policy_document" "weak_document" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::c/*"]
    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion" # want "TF-IAC-008"
      values   = ["1.0"]
    }
  }
}

resource "aws_s3_bucket_policy" "good" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.d.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      # NumericLessThan = { "s3:TlsVersion" = "1.0" } # ok "TF-IAC-008"
      Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } } # ok "TF-IAC-008"
      }, {
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Condition = { Bool = { "aws:SecureTransport" = false } } # ok "TF-IAC-009"
    }]
  })
}

resource "aws_s3_bucket_policy" "tls_and_old" { # want "TF-IAC-009"
  bucket = aws_s3_bucket.e.id
  policy = jsonencode({
    Statement = [
      { Effect = "Deny", Condition = { NumericLessThan = { "s3:TlsVersion" = "1.0" } } }, # ok "TF-IAC-008"
      { Effect = "Deny", Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } } },
    ]
  })
}

resource "aws_ssm_parameter" "other" {
  name  = "NumericLessThan"
  value = "s3:TlsVersion 1.0" # ok "TF-IAC-008"
}

# An Allow on old TLS is no guard, whatever a Deny on plain HTTP does.
resource "aws_s3_bucket_policy" "allow_old" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.f.id
  policy = jsonencode({
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "s3:GetObject"
        Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } } # want "TF-IAC-008"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Condition = { NumericGreaterThanEquals = { "s3:TlsVersion" = "1.2" } } # want "TF-IAC-008"
      },
    ]
  })
}

# Allowing requests without TLS.
resource "aws_s3_bucket_policy" "allow_plain" {
  bucket = aws_s3_bucket.g.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Condition = { Bool = { "aws:SecureTransport" = "false" } } # want "TF-IAC-009"
    }]
  })
}

# A document of the same file, referenced by the bucket policy.
data "aws_iam_policy_document" "tls_only" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::h", "arn:aws:s3:::h/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion" # ok "TF-IAC-008"
      values   = ["1.2"]
    }
  }
}

resource "aws_s3_bucket_policy" "document" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.h.id
  policy = data.aws_iam_policy_document.tls_only.json
}

data "aws_iam_policy_document" "plain" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::i/*"]
    # condition { test = "Bool", variable = "aws:SecureTransport", values = ["false"] }
  }
}

resource "aws_s3_bucket_policy" "plain_document" { # want "TF-IAC-009"
  bucket = aws_s3_bucket.i.id
  policy = data.aws_iam_policy_document.plain.json
}

# Documents the file does not spell out are not judged.
resource "aws_s3_bucket_policy" "from_variable" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.j.id
  policy = var.bucket_policy
}

resource "aws_s3_bucket_policy" "from_file" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.k.id
  policy = file("${path.module}/policy.json")
}

resource "aws_s3_bucket_policy" "other_document" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.l.id
  policy = data.aws_iam_policy_document.elsewhere.json
}

# The same words in a tag are no policy.
resource "aws_s3_bucket" "tagged" { # ok "TF-IAC-009"
  bucket = "m"
  tags = {
    note = "Deny aws:SecureTransport false" # ok "TF-IAC-009"
  }
}

# The bucket's own inline policy (deprecated attribute).
resource "aws_s3_bucket" "inline" { # want "TF-IAC-009"
  bucket = "n"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject" }] })
}

# Statements from elsewhere: nothing can be said of what is missing.
resource "aws_s3_bucket_policy" "merged" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.o.id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.bucket_statements })
}

data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value.actions
    }
  }
}

resource "aws_s3_bucket_policy" "dynamic" { # ok "TF-IAC-009"
  bucket = aws_s3_bucket.p.id
  policy = data.aws_iam_policy_document.dynamic.json
}
