// The drifts table against moto: a drift's identity, each sighting's classification from the
// one atomic update, resolution of what a scan no longer sees, the upgrade's seed, and the items
// read back raw (the field names docs/data-model.md promises).
#include "store/drifts.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "aws/dynamodb.h"
#include "moto.h"
#include "stack.h"

namespace {
namespace ddb = aws::dynamodb;
namespace lc = drift::lifecycle;
using namespace std::chrono_literals;
using core::time::time_point;

time_point at(const char* iso) { return *core::time::parse_iso8601(iso); }

drift::drift_item item(const std::string& address, std::vector<std::string> names,
                       const std::string& actual = "false") {
  drift::drift_item d;
  d.address = address;
  d.type = "aws_security_group";
  d.id = "sg-1";
  d.level = drift::severity::high;
  for (auto& n : names) d.attributes.push_back({n, "true", actual, false});
  return d;
}

class Drifts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new drift_test::stack(drift_test::make_stack("drifts")); }
  static void TearDownTestSuite() { delete stack_; }

  static aws::session& s() {
    static std::shared_ptr<aws::session> session = [] {
      ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
      ::setenv("AWS_REGION", "us-east-1", 1);
      ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
      ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
      return aws::session::from_environment();
    }();
    return *session;
  }
  static const std::string& table() { return (*stack_).at("drifts_table"); }
  static store::drifts drifts() { return store::drifts(s(), table()); }

  static ddb::item raw(const std::string& scope, const std::string& id) {
    auto r = ddb::get_item(s(), table(), {{"scope", scope}, {"drift_id", id}}, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r->value_or(ddb::item{});
  }

  static std::string unique_scope() {
    static int n = 0;
    return "platform-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "/prod";
  }

  // observe() of `d` in `scope`, failing the test on an error.
  static store::observed seen(const std::string& scope, const drift::drift_item& d,
                              time_point now) {
    auto r = drifts().observe(scope, store::drift_id("platform", "prod", d),
                              store::observation_of(d, "production"), now);
    if (!r) throw std::runtime_error(r.error().describe());
    return *r;
  }

  static drift_test::stack* stack_;
};
drift_test::stack* Drifts::stack_ = nullptr;

TEST_F(Drifts, IdIsStableAndNamesWhatDrifted) {
  const auto a =
      store::drift_id("platform", "prod", item("aws_security_group.web", {"ingress", "egress"}));
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a, store::drift_id("platform", "prod",
                               item("aws_security_group.web", {"egress", "ingress"})));
  EXPECT_EQ(a, store::drift_id("platform", "prod",
                               item("aws_security_group.web", {"ingress", "egress"}, "\"other\"")));
  EXPECT_NE(a, store::drift_id("platform", "prod", item("aws_security_group.web", {"ingress"})));
  EXPECT_NE(
      a, store::drift_id("platform", "dev", item("aws_security_group.web", {"ingress", "egress"})));
  EXPECT_NE(
      a, store::drift_id("other", "prod", item("aws_security_group.web", {"ingress", "egress"})));
  auto gone = item("aws_security_group.web", {});
  gone.change = drift::change_kind::deleted;
  auto unmanaged = item("aws_security_group.web", {});
  unmanaged.change = drift::change_kind::unmanaged;
  auto other_unmanaged = unmanaged;
  other_unmanaged.id = "sg-2";
  EXPECT_NE(store::drift_id("platform", "prod", gone),
            store::drift_id("platform", "prod", unmanaged));
  EXPECT_NE(store::drift_id("platform", "prod", unmanaged),
            store::drift_id("platform", "prod", other_unmanaged));
}

TEST_F(Drifts, ObserveClassifiesNewStandingAndChangedInOneWrite) {
  const std::string scope = unique_scope();
  const auto d = item("aws_security_group.web", {"ingress"});
  const std::string id = store::drift_id("platform", "prod", d);

  auto first = seen(scope, d, at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(first.kind, lc::sighting::new_drift);
  EXPECT_EQ(first.scans_seen, 1);
  EXPECT_EQ(first.first_seen, "2026-01-01T00:00:00Z");
  EXPECT_EQ(first.status, "open");

  auto again = seen(scope, d, at("2026-01-01T06:00:00Z"));
  EXPECT_EQ(again.kind, lc::sighting::standing);
  EXPECT_EQ(again.scans_seen, 2);
  EXPECT_EQ(again.first_seen, "2026-01-01T00:00:00Z");

  auto changed = seen(scope, item("aws_security_group.web", {"ingress"}, "\"0.0.0.0/0\""),
                      at("2026-01-01T12:00:00Z"));
  EXPECT_EQ(changed.kind, lc::sighting::changed);
  EXPECT_EQ(changed.scans_seen, 3);

  const auto it = raw(scope, id);
  EXPECT_EQ(ddb::get_s(it, "address"), "aws_security_group.web");
  EXPECT_EQ(ddb::get_s(it, "type"), "aws_security_group");
  EXPECT_EQ(ddb::get_s(it, "change"), "update");
  EXPECT_EQ(ddb::get_s(it, "severity"), "HIGH");
  EXPECT_EQ(ddb::get_s(it, "status"), "open");
  EXPECT_EQ(ddb::get_s(it, "environment"), "production");
  EXPECT_EQ(ddb::get_s(it, "first_seen"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(ddb::get_s(it, "last_seen"), "2026-01-01T12:00:00Z");
  EXPECT_EQ(ddb::get_int(it, "scans_seen"), 3);
  EXPECT_EQ(ddb::get_int(it, "recurrences"), 0);
  EXPECT_EQ(ddb::get_s(it, "fingerprint").size(), 64u);
  ASSERT_NE(it.at("attributes").as_l(), nullptr);
  EXPECT_EQ(*it.at("attributes").as_l()->at(0).as_s(), "ingress");
}

TEST_F(Drifts, AScanThatNoLongerSeesADriftResolvesItAndItMayReturn) {
  const std::string scope = unique_scope();
  const auto kept = item("aws_security_group.web", {"ingress"});
  const auto fixed = item("aws_security_group.db", {"egress"});
  const auto busy = item("aws_security_group.api", {"egress"});
  seen(scope, kept, at("2026-01-01T00:00:00Z"));
  seen(scope, fixed, at("2026-01-01T00:00:00Z"));
  seen(scope, busy, at("2026-01-01T00:00:00Z"));
  // A remediation under way is for its own confirmation to settle, not for the next scan.
  ddb::update_request u;
  u.table = table();
  u.key = {{"scope", scope}, {"drift_id", store::drift_id("platform", "prod", busy)}};
  u.update = "SET #s = :r";
  u.args.names = {{"#s", "status"}};
  u.args.values = {{":r", "remediating"}};
  ASSERT_TRUE(ddb::update_item(s(), u).ok());

  auto resolved = drifts().resolve_absent(scope, {store::drift_id("platform", "prod", kept)},
                                          at("2026-01-02T00:00:00Z"));
  ASSERT_TRUE(resolved.ok()) << resolved.error().describe();
  ASSERT_EQ(resolved->size(), 1u);
  EXPECT_EQ((*resolved)[0].address, "aws_security_group.db");
  const std::string fixed_id = store::drift_id("platform", "prod", fixed);
  EXPECT_EQ(ddb::get_s(raw(scope, fixed_id), "status"), "resolved_without_us");
  EXPECT_EQ(ddb::get_s(raw(scope, fixed_id), "resolved_at"), "2026-01-02T00:00:00Z");
  EXPECT_EQ(ddb::get_s(raw(scope, store::drift_id("platform", "prod", kept)), "status"), "open");
  EXPECT_EQ(ddb::get_s(raw(scope, store::drift_id("platform", "prod", busy)), "status"),
            "remediating");
  // A scan that sees nothing: only the drift still open resolves; the others stay as they are.
  auto rest = drifts().resolve_absent(scope, {}, at("2026-01-03T00:00:00Z"));
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].address, "aws_security_group.web");
  EXPECT_EQ(ddb::get_s(raw(scope, fixed_id), "resolved_at"), "2026-01-02T00:00:00Z");

  auto back = seen(scope, fixed, at("2026-01-10T00:00:00Z"));
  EXPECT_EQ(back.kind, lc::sighting::returned);
  EXPECT_EQ(back.recurrences, 1);
  EXPECT_EQ(back.status, "returned");
  EXPECT_EQ(back.first_seen, "2026-01-01T00:00:00Z");
  const auto it = raw(scope, fixed_id);
  EXPECT_EQ(ddb::get_s(it, "status"), "returned");
  EXPECT_EQ(ddb::get_int(it, "recurrences"), 1);
  EXPECT_EQ(it.count("resolved_at"), 0u);

  // Resolved again, and back only after more than 30 days: a new drift, no recurrence.
  ASSERT_TRUE(drifts().resolve_absent(scope, {}, at("2026-01-11T00:00:00Z")).ok());
  auto much_later = seen(scope, fixed, at("2026-03-01T00:00:00Z"));
  EXPECT_EQ(much_later.kind, lc::sighting::new_drift);
  EXPECT_EQ(much_later.status, "open");
  EXPECT_EQ(much_later.recurrences, 1);
}

TEST_F(Drifts, SeedTakesOverThePreviousReportWithoutAnnouncingItAgain) {
  const std::string scope = unique_scope();
  const auto d = item("aws_security_group.web", {"ingress"});
  const std::string id = store::drift_id("platform", "prod", d);
  std::vector<store::seed_item> items{{id, store::observation_of(d, "production")}};
  auto n = drifts().seed(scope, items, at("2025-12-01T00:00:00Z"));
  ASSERT_TRUE(n.ok()) << n.error().describe();
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(*drifts().seed(scope, items, at("2025-12-24T00:00:00Z")), 0);  // never rewritten

  auto first_scan = seen(scope, d, at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(first_scan.kind, lc::sighting::standing);
  EXPECT_EQ(first_scan.first_seen, "2025-12-01T00:00:00Z");
  EXPECT_EQ(first_scan.announced_at, "2025-12-01T00:00:00Z");
  EXPECT_EQ(first_scan.scans_seen, 2);

  ASSERT_TRUE(drifts().announced(scope, id, at("2026-01-02T00:00:00Z")).ok());
  EXPECT_EQ(ddb::get_s(raw(scope, id), "announced_at"), "2026-01-02T00:00:00Z");
  ASSERT_TRUE(drifts().announced(scope, "no-such-drift", at("2026-01-02T00:00:00Z")).ok());
  EXPECT_TRUE(raw(scope, "no-such-drift").empty());

  auto listed = drifts().list(scope);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].drift_id, id);
  EXPECT_EQ((*listed)[0].scope, scope);
  auto all = drifts().list_all();
  ASSERT_TRUE(all.ok());
  EXPECT_GE(all->size(), 1u);
}

}  // namespace
