# DNS and certificates: a public hosted zone with a simple record set, a weighted pair, an
# alias to another record, a TXT record (quoting), a failover primary, a geolocation record and
# one record deleted from the console, and a DNS-validated certificate request.
resource "aws_route53_zone" "main" {
  name    = "${local.name}.example.com"
  comment = "Managed by Terraform"
  tags    = local.tags
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "www.${aws_route53_zone.main.name}"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.10", "192.0.2.11"]
}

resource "aws_route53_record" "txt" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "info"
  type    = "TXT"
  ttl     = 60
  records = ["v=spf1 -all", "owner=platform"]
}

resource "aws_route53_record" "api_blue" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "api.${aws_route53_zone.main.name}"
  type           = "CNAME"
  ttl            = 60
  records        = ["blue.example.net"]
  set_identifier = "blue"
  weighted_routing_policy {
    weight = 90
  }
}

resource "aws_route53_record" "api_green" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "api.${aws_route53_zone.main.name}"
  type           = "CNAME"
  ttl            = 60
  records        = ["green.example.net"]
  set_identifier = "green"
  weighted_routing_policy {
    weight = 10
  }
}

resource "aws_route53_record" "apex" {
  zone_id = aws_route53_zone.main.zone_id
  name    = aws_route53_zone.main.name
  type    = "A"
  alias {
    name                   = aws_route53_record.www.fqdn
    zone_id                = aws_route53_zone.main.zone_id
    evaluate_target_health = false
  }
}

# A failover primary (made the secondary in the console in prod).
resource "aws_route53_record" "app_primary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "app"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.20"]
  set_identifier = "primary"
  failover_routing_policy {
    type = "PRIMARY"
  }
}

# European visitors get their own address.
resource "aws_route53_record" "eu" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "shop"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.30"]
  set_identifier = "europe"
  geolocation_routing_policy {
    continent = "EU"
  }
}

# Deleted from the console in prod.
resource "aws_route53_record" "old" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "old"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.99"]
}

resource "aws_acm_certificate" "site" {
  domain_name               = "site.${aws_route53_zone.main.name}"
  subject_alternative_names = ["www.site.${aws_route53_zone.main.name}"]
  validation_method         = "DNS"
  tags                      = local.tags
  lifecycle {
    create_before_destroy = true
  }
}
