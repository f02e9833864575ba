#include "drift/cost.h"

#include <cmath>

#include "json.h"

namespace drift {

namespace {

constexpr std::string_view gist_2017 =
    "https://gist.github.com/franc3000/cfa43461aeb2e7bd4c2c53cb89f808a8 (Linux/UNIX usage, US "
    "East)";
constexpr std::string_view gist_2019 =
    "https://gist.github.com/turtlemonvh/3465e7d295403c61181590e95e5a620d (quotes "
    "https://aws.amazon.com/ec2/pricing/on-demand/)";
constexpr std::string_view gist_2023 =
    "https://gist.github.com/archae0pteryx/b3c1580dab2059083e862a9a679936ad (on-demand $/hr)";
constexpr std::string_view factualminds_2026 =
    "https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/";
constexpr std::string_view infratally_2026 =
    "https://infratally.com/articles/aws-rds-pricing-explained-2026.html (PostgreSQL, "
    "Single-AZ; Multi-AZ exactly double)";

// Only prices read from a cited page. us-west-2 and eu-central-1 have no row yet: no page
// we could cite gave them, so those regions report "unknown" rather than a guess.
const std::vector<price_row> rows = {
    {"ec2", "us-east-1", "t2.nano", 0.0058, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "t2.micro", 0.0116, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "t2.small", 0.023, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "t2.medium", 0.0464, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "t2.large", 0.0928, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "t2.xlarge", 0.1856, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "t2.2xlarge", 0.3712, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "m4.large", 0.10, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "m4.xlarge", 0.20, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "m4.2xlarge", 0.40, gist_2017, "2017-10-31"},
    {"ec2", "us-east-1", "m5.large", 0.096, gist_2019, "2019-07-21"},
    {"ec2", "us-east-1", "m5.xlarge", 0.192, gist_2019, "2019-07-21"},
    {"ec2", "us-east-1", "m5a.large", 0.086, gist_2019, "2019-07-21"},
    {"ec2", "us-east-1", "m5a.xlarge", 0.172, gist_2019, "2019-07-21"},
    {"ec2", "us-east-1", "m5d.large", 0.113, gist_2019, "2019-07-21"},
    {"ec2", "us-east-1", "m5d.xlarge", 0.226, gist_2019, "2019-07-21"},
    {"ec2", "us-east-1", "t3.nano", 0.0052, gist_2023, "2023-11"},
    {"ec2", "us-east-1", "t3.small", 0.0208, gist_2023, "2023-11"},
    {"ec2", "us-east-1", "m7g.large", 0.0816, factualminds_2026, "2026-06-17"},
    {"rds", "us-east-1", "db.t4g.micro", 0.016, infratally_2026, "2026"},
    {"rds", "us-east-1", "db.t4g.small", 0.032, infratally_2026, "2026"},
    {"rds", "us-east-1", "db.t4g.medium", 0.065, infratally_2026, "2026"},
};

std::string_view service_of(std::string_view type) {
  if (type == "aws_instance" || type == "AWS::EC2::Instance") return "ec2";
  if (type == "aws_db_instance" || type == "AWS::RDS::DBInstance") return "rds";
  return {};
}

std::string class_value(const std::optional<std::string>& json) {
  if (!json) return {};
  rapidjson::Document doc;
  if (detail::parse_json(*json, doc) || !doc.IsString()) return {};
  return std::string(doc.GetString(), doc.GetStringLength());
}

}  // namespace

const std::vector<price_row>& price_table() { return rows; }

std::optional<price_row> find_price(std::string_view service, std::string_view region,
                                    std::string_view instance_class) {
  for (const auto& r : rows) {
    if (r.service == service && r.region == region && r.instance_class == instance_class) return r;
  }
  return std::nullopt;
}

cost_delta monthly_cost_delta(std::string_view resource_type, std::string_view region,
                              std::string_view before_class, std::string_view after_class,
                              std::string_view engine, bool multi_az) {
  cost_delta out;
  out.before_class = before_class;
  out.after_class = after_class;
  const std::string_view service = service_of(resource_type);
  if (service.empty()) {
    out.note = "unknown: no price table for " + std::string(resource_type);
    return out;
  }
  if (service == "rds" && engine.find("postgres") == std::string_view::npos) {
    out.note = "unknown: the table holds PostgreSQL prices, not " +
               (engine.empty() ? std::string("an unknown engine") : std::string(engine));
    return out;
  }
  const auto before = find_price(service, region, before_class);
  const auto after = find_price(service, region, after_class);
  if (!before || !after) {
    out.note = "unknown: no cited on-demand price for " +
               std::string(!before ? before_class : after_class) + " in " + std::string(region);
    return out;
  }
  const double factor = (service == "rds" && multi_az) ? 2.0 : 1.0;
  const double delta = (after->usd_per_hour - before->usd_per_hour) * hours_per_month * factor;
  out.known = true;
  out.monthly_usd = std::round(delta * 100.0) / 100.0;
  out.note = std::string(before->source) + " (" + std::string(before->date) + ")";
  if (after->source != before->source || after->date != before->date) {
    out.note += "; " + std::string(after->source) + " (" + std::string(after->date) + ")";
  }
  return out;
}

std::optional<cost_delta> cost_of_changes(std::string_view resource_type, std::string_view region,
                                          const std::vector<attribute_change>& changes,
                                          const std::optional<std::string>& resource) {
  std::string engine;
  bool multi_az = false;
  if (resource) {
    rapidjson::Document doc;
    if (!detail::parse_json(*resource, doc) && doc.IsObject()) {
      engine = detail::string_member(doc, "engine");
      if (engine.empty()) engine = detail::string_member(doc, "Engine");
      for (const char* key : {"multi_az", "MultiAZ"}) {
        if (const auto* v = detail::member(doc, key); v && v->IsBool()) multi_az = v->GetBool();
      }
    }
  }
  for (const auto& c : changes) {
    if (c.name == "instance_type" || c.name == "instance_class" || c.name == "InstanceType" ||
        c.name == "DBInstanceClass") {
      const std::string before = class_value(c.before);
      const std::string after = class_value(c.after);
      if (before.empty() || after.empty()) {
        cost_delta d;
        d.before_class = before;
        d.after_class = after;
        d.note = "unknown: the change carries no class values";
        return d;
      }
      return monthly_cost_delta(resource_type, region, before, after, engine, multi_az);
    }
  }
  return std::nullopt;
}

}  // namespace drift
