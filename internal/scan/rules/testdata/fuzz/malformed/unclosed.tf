resource "aws_lb_listener" "a" {
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-2016-08
}

resource "aws_lb" "b" {
  name = "b"
