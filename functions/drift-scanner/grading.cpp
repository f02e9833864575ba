#include "grading.h"

#include <optional>
#include <string>

#include "drift/cost.h"
#include "drift/remediation.h"

namespace scanner {
namespace {

// "<type>.<attribute>:<rule>" when a rule classifies the attribute's change as expected (it
// forbids automatic remediation, as for an autoscaled count), else nothing.
std::optional<std::string> hidden_expected_change(const finding& d,
                                                  const drift::report_attribute& a,
                                                  const report_context& ctx,
                                                  const drift::rule_table& rules) {
  drift::grading_input in;
  in.resource_type = d.type;
  in.change = d.change;
  in.environment = ctx.target.environment;
  in.changes.push_back({a.name, a.expected, a.actual});
  const drift::grade g = rules.evaluate(in);
  if (g.auto_remediate) return std::nullopt;
  return d.type + "." + a.name + ":" + g.rule_id;
}

// The remediation: an expected change (an autoscaled count) is never part of a revert or an
// accept of the other changes of the same drift; when it is all the drift holds, the fix is to
// ignore it in the configuration.
drift::remediation fix_for(const drift::drift_item& item, const finding& d,
                           const report_context& ctx, const drift::rule_table& rules) {
  const drift::remediation_context rc{ctx.target.workspace};
  if (item.auto_remediate || item.change != drift::change_kind::update)
    return drift::suggest_remediation(item, rc);
  drift::drift_item rest = item;
  std::string expected;
  std::erase_if(rest.attributes, [&](const drift::report_attribute& a) {
    if (!hidden_expected_change(d, a, ctx, rules)) return false;
    expected += (expected.empty() ? "" : ", ") + a.name;
    return true;
  });
  if (rest.attributes.empty() || expected.empty()) return drift::suggest_remediation(item, rc);
  rest.auto_remediate = true;
  drift::remediation fix = drift::suggest_remediation(rest, rc);
  fix.description += " (" + expected +
                     " moved by scaling as expected: not part of this fix, never reverted "
                     "automatically)";
  return fix;
}

}  // namespace

drift::report grade(const findings& f, const report_context& ctx, const drift::rule_table& rules,
                    const drift::ignore_rules& ignore) {
  drift::report r;
  r.scan_id = ctx.scan_id;
  r.started_at = ctx.started_at;
  r.finished_at = ctx.finished_at;
  r.target = ctx.target;
  r.engine = f.engine;
  r.incomplete = f.incomplete;
  r.not_checked = f.not_checked;
  r.suppressed = f.suppressed;
  r.coverage = f.coverage;
  r.errors = f.errors;
  r.summary.resources_scanned = f.resources_scanned;

  for (const auto& d : f.drifts) {
    if (ignore.ignores_resource(d.address, d.type, d.id)) {
      ++r.summary.ignored;
      continue;
    }
    drift::drift_item item;
    item.address = d.address;
    item.type = d.type;
    item.id = d.id;
    item.arn = d.arn;
    item.change = d.change;
    item.tags = d.tags;
    for (const auto& a : d.attributes) {
      if (!ignore.ignores_attribute(d.address, d.type, d.id, a.name)) {
        item.attributes.push_back(a);
        continue;
      }
      // An expected change an operator chose to hide (an autoscaled count) still shows, as a
      // count, so that hiding it never hides how often scaling moved it.
      if (const auto key = hidden_expected_change(d, a, ctx, rules)) ++r.suppressed[*key];
    }
    // An update whose every changed attribute is ignored is no drift at all.
    if (d.change == drift::change_kind::update && item.attributes.empty()) {
      ++r.summary.ignored;
      continue;
    }
    drift::grading_input in;
    in.resource_type = d.type;
    in.change = d.change;
    in.environment = ctx.target.environment;
    for (const auto& a : item.attributes) in.changes.push_back({a.name, a.expected, a.actual});
    const drift::grade g = rules.evaluate(in);
    item.level = g.level;
    item.reason = g.reason;
    item.rule = g.rule_id;
    item.auto_remediate = g.auto_remediate;
    if (auto cost = drift::cost_of_changes(d.type, ctx.target.region, in.changes)) {
      if (cost->known)
        item.monthly_cost_delta = cost->monthly_usd;
      else
        item.cost_unknown = true;
    }
    item.fix = fix_for(item, d, ctx, rules);
    r.drifts.push_back(std::move(item));
  }
  drift::summarize(r);
  return r;
}

}  // namespace scanner
