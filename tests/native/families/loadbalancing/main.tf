# Load balancing (Elastic Load Balancing v2): an application load balancer in a VPC of its own,
# an HTTP listener forwarding to an instance target group, a listener rule answering a path
# with a fixed response, and an IP target group with one registered target.
resource "aws_vpc" "lb" {
  cidr_block = "10.40.0.0/16"
  tags       = local.tags
}

resource "aws_subnet" "lb_a" {
  vpc_id            = aws_vpc.lb.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "${var.region}a"
  tags              = local.tags
}

resource "aws_subnet" "lb_b" {
  vpc_id            = aws_vpc.lb.id
  cidr_block        = "10.40.2.0/24"
  availability_zone = "${var.region}b"
  tags              = local.tags
}

resource "aws_security_group" "lb" {
  name        = "${local.name}-lb"
  description = "load balancer"
  vpc_id      = aws_vpc.lb.id
  tags        = local.tags
}

resource "aws_lb" "web" {
  name               = "${local.name}-web"
  load_balancer_type = "application"
  subnets            = [aws_subnet.lb_a.id, aws_subnet.lb_b.id]
  security_groups    = [aws_security_group.lb.id]
  idle_timeout       = 90
  tags               = local.tags
}

resource "aws_lb_target_group" "web" {
  name                 = "${local.name}-web"
  port                 = 80
  protocol             = "HTTP"
  vpc_id               = aws_vpc.lb.id
  deregistration_delay = 30
  health_check {
    path    = "/health"
    matcher = "200-299"
  }
  tags = local.tags
}

resource "aws_lb_target_group" "ip" {
  name        = "${local.name}-ip"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.lb.id
  tags        = local.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
  tags = local.tags
}

resource "aws_lb_listener_rule" "api" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 10
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ip.arn
  }
  condition {
    path_pattern {
      values = ["/api/*"]
    }
  }
  tags = local.tags
}

resource "aws_lb_target_group_attachment" "ip" {
  target_group_arn = aws_lb_target_group.ip.arn
  target_id        = "10.40.1.10"
  port             = 8080
}
