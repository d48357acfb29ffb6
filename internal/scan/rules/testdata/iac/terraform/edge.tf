# CloudFront, API Gateway and OpenSearch/Elasticsearch domains.

resource "aws_cloudfront_distribution" "weak" {
  enabled = true
  viewer_certificate {
    acm_certificate_arn      = var.cert
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1_2016" # want "TF-IAC-004"
  }
}

resource "aws_cloudfront_distribution" "tls11" {
  viewer_certificate {
    minimum_protocol_version = "TLSv1.1_2016" # want "TF-IAC-004"
  }
}

resource "aws_cloudfront_distribution" "good" {
  viewer_certificate {
    // minimum_protocol_version = "TLSv1" # ok "TF-IAC-004"
    minimum_protocol_version = "TLSv1.2_2021" # ok "TF-IAC-004"
  }
}

resource "aws_cloudfront_origin_access_control" "other" {
  minimum_protocol_version = "TLSv1" # ok "TF-IAC-004"
}

resource "aws_api_gateway_domain_name" "weak" {
  domain_name     = "api.example.com"
  security_policy = "TLS_1_0" # want "TF-IAC-005"
}

resource "aws_api_gateway_domain_name" "good" {
  domain_name     = "api.example.com"
  security_policy = "TLS_1_2" # ok "TF-IAC-005"
}

resource "aws_apigatewayv2_domain_name" "v2" {
  domain_name = "ws.example.com"
  domain_name_configuration {
    certificate_arn = var.cert
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_0" # want "TF-IAC-005"
  }
}

resource "aws_transfer_server" "other" {
  security_policy = "TLS_1_0" # ok "TF-IAC-005"
}

resource "aws_opensearch_domain" "weak" {
  domain_name = "logs"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # want "TF-IAC-006"
  }
}

resource "aws_elasticsearch_domain" "missing" { # want "TF-IAC-007"
  domain_name = "legacy"
  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_opensearch_domain" "good" { # ok "TF-IAC-007"
  domain_name = "search"
  domain_endpoint_options {
    enforce_https = true
    # tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # ok "TF-IAC-006"
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" # ok "TF-IAC-006"
  }
}

resource "aws_cloudsearch_domain" "other" {
  endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # ok "TF-IAC-006"
  }
}
