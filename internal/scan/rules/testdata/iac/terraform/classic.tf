# Classic Load Balancers: SSL negotiation policies attached to listener
# ports, and listeners left without one.

resource "aws_elb" "web" {
  name = "web"
  listener {
    instance_port      = 80
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https" # ok "TF-IAC-011"
    ssl_certificate_id = aws_acm_certificate.web.arn
  }
  listener {
    instance_port      = 80
    instance_protocol  = "tcp"
    lb_port            = 8443
    lb_protocol        = "ssl" # want "TF-IAC-011"
    ssl_certificate_id = aws_acm_certificate.web.arn
  }
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http" # ok "TF-IAC-011"
  }
}

resource "aws_load_balancer_policy" "reference" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "web-tls"
  policy_type_name   = "SSLNegotiationPolicyType"
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2016-08" # want "TF-IAC-001"
  }
}

resource "aws_load_balancer_policy" "custom" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "web-custom"
  policy_type_name   = "SSLNegotiationPolicyType"
  policy_attribute {
    name  = "Protocol-TLSv1" # want "TF-IAC-010"
    value = "true"
  }
  policy_attribute {
    name  = "Protocol-TLSv1.1" # ok "TF-IAC-010"
    value = "false"
  }
  policy_attribute {
    name  = "Protocol-TLSv1.2" # ok "TF-IAC-010"
    value = "true"
  }
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-O1" # want "TF-IAC-003"
  }
}

resource "aws_load_balancer_policy" "stickiness" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "web-sticky"
  policy_type_name   = "LBCookieStickinessPolicyType"
  policy_attribute {
    name  = "Protocol-SSLv3" # ok "TF-IAC-010"
    value = "true"
  }
}

resource "aws_load_balancer_listener_policy" "web_443" {
  load_balancer_name = aws_elb.web.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.reference.policy_name]
}

resource "aws_elb" "api" {
  name = "api"
  listener {
    instance_port      = 80
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "HTTPS" # ok "TF-IAC-011"
    ssl_certificate_id = var.cert
  }
}

resource "aws_lb_ssl_negotiation_policy" "api" {
  name          = "api-tls"
  load_balancer = aws_elb.api.id
  lb_port       = 443
  attribute {
    name  = "Protocol-SSLv3" # want "TF-IAC-010"
    value = "true"
  }
  attribute {
    name  = "Protocol-TLSv1.1" # want "TF-IAC-010"
    value = true
  }
  # attribute { name = "Protocol-TLSv1", value = "true" } # ok "TF-IAC-010"
}

resource "aws_ssm_parameter" "note" {
  name  = "Protocol-TLSv1" # ok "TF-IAC-010"
  value = "true"
}
