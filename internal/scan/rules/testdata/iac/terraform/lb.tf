# ALB/NLB listeners: explicit weak, missing, unknown and safe policies.

resource "aws_lb_listener" "weak" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08" # want "TF-IAC-001"
  certificate_arn   = var.cert
}

resource "aws_alb_listener" "tls11" {
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-1-2021-06" # want "TF-IAC-001"
}

resource "aws_lb_listener" "nlb" {
  protocol   = "TLS"
  ssl_policy = "ELBSecurityPolicy-FS-1-1-2019-08" # want "TF-IAC-001"
}

resource "aws_lb_listener" "missing" { # want "TF-IAC-002"
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.cert
}

resource "aws_lb_listener" "typo" {
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-6" # want "TF-IAC-003"
}

resource "aws_lb_listener" "good" { # ok "TF-IAC-002"
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" # ok "TF-IAC-001" "TF-IAC-003"
}

resource "aws_lb_listener" "pq" {
  protocol = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" # ok "TF-IAC-001" "TF-IAC-003"
}

resource "aws_lb_listener" "variable" {
  protocol   = "HTTPS"
  ssl_policy = var.ssl_policy # ok "TF-IAC-001" "TF-IAC-003"
}

resource "aws_lb_listener" "interpolated" {
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-${var.suffix}" # ok "TF-IAC-003"
}

resource "aws_lb_listener" "http" { # ok "TF-IAC-002"
  port     = 80
  protocol = "HTTP"
  default_action {
    type = "redirect"
  }
}

resource "aws_lb_listener" "commented" {
  protocol = "HTTPS"
  # ssl_policy = "ELBSecurityPolicy-2016-08" # ok "TF-IAC-001"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06" /* ELBSecurityPolicy-TLS-1-0-2015-04 */ # ok "TF-IAC-001"
}

# Not a listener: the same attribute name elsewhere is not read.
resource "aws_lb_listener_rule" "rule" {
  ssl_policy = "ELBSecurityPolicy-2016-08" # ok "TF-IAC-001" "TF-IAC-003"
}

resource "aws_lb_listener" "inline" { protocol = "HTTPS" } # want "TF-IAC-002"
