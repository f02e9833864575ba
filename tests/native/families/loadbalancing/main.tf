# Load balancing (Elastic Load Balancing v2): an application load balancer in a VPC of its own,
# an instance target group and an IP target group.
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
