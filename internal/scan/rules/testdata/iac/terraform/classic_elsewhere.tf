# A policy attached to a load balancer this file cannot name: every
# listener may be covered by it, so none is reported.

resource "aws_elb" "shared" {
  listener {
    instance_port      = 80
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https" # ok "TF-IAC-011"
    ssl_certificate_id = var.cert
  }
}

resource "aws_load_balancer_listener_policy" "from_module" {
  load_balancer_name = module.lb.name
  load_balancer_port = 443
  policy_names       = [var.policy]
}
