// driftctl-style .driftignore rules. One pattern per line; `#` starts a comment; `!`
// negates (un-ignores); the last matching line wins. A pattern is matched, with `*` and `?`
// wildcards, against the resource's address and against `<type>.<id>` (driftctl's form);
// a pattern that goes on to `.<attribute>` ignores only that top-level attribute.
//   aws_s3_bucket.*                       every bucket
//   module.logs.*                         everything in a module
//   aws_instance.web[0].tags              one attribute of one resource
//   *.tags_all                            an attribute everywhere
//   !aws_s3_bucket.audit                  but never the audit bucket
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drift {

class ignore_rules {
 public:
  static ignore_rules parse(std::string_view text);

  bool ignores_resource(std::string_view address, std::string_view type, std::string_view id) const;
  bool ignores_attribute(std::string_view address, std::string_view type, std::string_view id,
                         std::string_view attribute) const;

  std::size_t size() const { return lines_.size(); }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct line {
    std::string pattern;
    bool negate = false;
  };
  std::vector<line> lines_;
  std::vector<std::string> warnings_;
};

}  // namespace drift
