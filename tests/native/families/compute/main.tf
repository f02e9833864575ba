# Compute: an SSH key pair, launch templates using it (the provider refreshes a template's latest
# version, not its default one; one template is deleted from the console in prod), an Auto
# Scaling group launching from a template, whose desired capacity scaling moves, and a group
# mixing on-demand and spot instances.
resource "aws_key_pair" "deploy" {
  key_name   = "${local.name}-deploy"
  public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC3F6tyPEFEzV0LX3X8BsXdMsQz1x2cEikKDEY0aIj41qgxMCP/iteneqXSIFZBp5vizPvaoIR3Um9xK7PGoW8giupGn+EPuxIA4cDM4vzOqOkiMPhz5XK0whEjkVzTo4+S0puvDZuwIsdiW9mxhJc7tgBNL0cYlWSYVkz4G/fslNfRPW5mYAM49f4fhtxPb5ok4Q2Lg9dPKVHO/Bgeu5woMc7RY0p1ej6D4CKFE6lymSDJpW0YHX/wqE9+cfEauh7xZcG0q9t2ta6F6fmX0agvpFyZo8aFbXeUBr7osSCJNgvavWbM/06niWrOvYX2xwWdhXmXSrbX8ZbabVohBK41 deploy@example"
  tags       = local.tags
}

resource "aws_launch_template" "web" {
  name                    = "${local.name}-web"
  description             = "web servers"
  image_id                = "ami-12c6146b"
  instance_type           = "t3.micro"
  key_name                = aws_key_pair.deploy.key_name
  disable_api_termination = false
  ebs_optimized           = "true"
  user_data               = base64encode("#!/bin/sh\necho hello\n")
  update_default_version  = true

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 20
      volume_type           = "gp3"
      delete_on_termination = "true"
      encrypted             = "true"
    }
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Role = "web" }
  }

  tags = local.tags
}

# Deleted from the console in prod.
resource "aws_launch_template" "batch" {
  name          = "${local.name}-batch"
  image_id      = "ami-12c6146b"
  instance_type = "t3.small"
  tags          = local.tags
}

resource "aws_autoscaling_group" "web" {
  name                      = "${local.name}-web"
  availability_zones        = ["us-east-1a", "us-east-1b"]
  min_size                  = 1
  max_size                  = 4
  desired_capacity          = 2
  health_check_type         = "EC2"
  health_check_grace_period = 120
  default_cooldown          = 300
  termination_policies      = ["OldestInstance", "Default"]
  enabled_metrics           = ["GroupInServiceInstances", "GroupDesiredCapacity"]

  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }

  tag {
    key                 = "Role"
    value               = "web"
    propagate_at_launch = true
  }

  tag {
    key                 = "ManagedBy"
    value               = "terraform"
    propagate_at_launch = false
  }
}

resource "aws_autoscaling_group" "spot" {
  name               = "${local.name}-spot"
  availability_zones = ["us-east-1a"]
  min_size           = 0
  max_size           = 2
  desired_capacity   = 0

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 0
      on_demand_percentage_above_base_capacity = 25
      spot_allocation_strategy                 = "capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.web.id
        version            = "$Latest"
      }
      override {
        instance_type     = "t3.micro"
        weighted_capacity = "1"
      }
      override {
        instance_type     = "t3.small"
        weighted_capacity = "2"
      }
    }
  }
}
