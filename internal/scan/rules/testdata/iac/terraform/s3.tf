# S3 bucket policies: s3:TlsVersion guards in jsonencode, heredoc JSON and
# aws_iam_policy_document.

resource "aws_s3_bucket_policy" "weak_jsonencode" {
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

resource "aws_s3_bucket_policy" "weak_heredoc" {
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

resource "aws_s3_bucket_policy" "good" {
  bucket = aws_s3_bucket.d.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      # NumericLessThan = { "s3:TlsVersion" = "1.0" } # ok "TF-IAC-008"
      Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } } # ok "TF-IAC-008"
    }]
  })
}

resource "aws_s3_bucket_policy" "tls_and_old" {
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
