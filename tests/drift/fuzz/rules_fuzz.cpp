// libFuzzer: arbitrary bytes as a team's own files, read by the scanner from the target's
// configuration: the severity rules file (a whole table, and overrides of the built-in one)
// and the .driftignore file. Neither may crash or hang; an accepted table grades; the last
// line of an ignore file decides about its own pattern (every pattern matches its own text).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "drift/ignore.h"
#include "drift/severity.h"

namespace {

void grade_with(const drift::rule_table& table) {
  drift::grading_input in;
  in.resource_type = "aws_s3_bucket";
  in.environment = "production";
  in.changes = {{"tags", R"({"a":"b"})", R"({})"}, {"acl", std::nullopt, std::nullopt}};
  for (auto kind :
       {drift::change_kind::update, drift::change_kind::deleted, drift::change_kind::unmanaged}) {
    in.change = kind;
    const auto g = table.evaluate(in);
    if (g.rule_id.empty() || !drift::parse_severity(drift::to_string(g.level))) __builtin_trap();
  }
  (void)table.rule_ids();
}

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // The rules file.
  auto whole = drift::rule_table::parse(bytes);
  if (whole) {
    grade_with(*whole);
  } else if (whole.error().message.empty()) {
    __builtin_trap();  // every refusal says why
  }
  auto changed = drift::rule_table::builtin().with_overrides(bytes);
  if (changed) {
    grade_with(*changed);
  } else if (changed.error().message.empty()) {
    __builtin_trap();
  }

  // The ignore file: its patterns, counted here line by line as the README describes them.
  const auto rules = drift::ignore_rules::parse(bytes);
  std::size_t patterns = 0;
  std::string last;
  bool last_negated = false;
  for (std::string_view rest = bytes; !rest.empty();) {
    const auto nl = rest.find('\n');
    std::string_view l = trim(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (l.empty() || l.front() == '#') continue;
    const bool negated = l.front() == '!';
    if (negated) l = trim(l.substr(1));
    if (l.empty()) continue;
    ++patterns;
    last = std::string(l);
    last_negated = negated;
  }
  if (rules.size() != patterns) __builtin_trap();
  if (patterns > 0) {
    // The last line matches its own pattern, so it decides.
    if (rules.ignores_resource(last, "", "") == last_negated) __builtin_trap();
  }
  (void)rules.ignores_resource("aws_s3_bucket.logs", "aws_s3_bucket", "logs-bucket");
  (void)rules.ignores_attribute("module.a.aws_instance.web[0]", "aws_instance", "i-1", "tags");
  return 0;
}
