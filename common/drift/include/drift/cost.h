// Monthly on-demand cost delta of an EC2 instance type or RDS instance class change, from
// an embedded price table in which every row names its source and date. A class or region
// the table does not hold gives an explicit "unknown", never zero.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drift/severity.h"

namespace drift {

inline constexpr double hours_per_month = 730.0;  // AWS's own monthly-hours convention

struct price_row {
  std::string_view service;  // "ec2" (Linux, shared tenancy) or "rds" (PostgreSQL, Single-AZ)
  std::string_view region;
  std::string_view instance_class;
  double usd_per_hour;
  std::string_view source;  // where the price was read
  std::string_view date;    // when that source stated it
};

const std::vector<price_row>& price_table();
std::optional<price_row> find_price(std::string_view service, std::string_view region,
                                    std::string_view instance_class);

struct cost_delta {
  bool known = false;
  double monthly_usd = 0;  // after - before; meaningful only when known
  std::string before_class;
  std::string after_class;
  std::string note;  // why unknown, or the sources used
};

// resource_type: aws_instance / AWS::EC2::Instance or aws_db_instance / AWS::RDS::DBInstance.
// engine: for RDS the prices are PostgreSQL's: another or no engine gives unknown (a MySQL
// class priced as PostgreSQL would be a made-up number). Multi-AZ doubles.
cost_delta monthly_cost_delta(std::string_view resource_type, std::string_view region,
                              std::string_view before_class, std::string_view after_class,
                              std::string_view engine = "", bool multi_az = false);

// The delta for a drift whose changes include instance_type / instance_class (or the
// CloudFormation names), with values; nullopt when no such attribute changed. `resource`: the
// resource's attributes (JSON object, state or cloud); for RDS its `engine` and `multi_az`
// (CloudFormation: Engine, MultiAZ) choose the price; without them an RDS delta is unknown.
std::optional<cost_delta> cost_of_changes(
    std::string_view resource_type, std::string_view region,
    const std::vector<attribute_change>& changes,
    const std::optional<std::string>& resource = std::nullopt);

}  // namespace drift
