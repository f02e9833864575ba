// Costs of the AWS layer: signing one request, parsing a 100-instance DescribeInstances page,
// and a DynamoDB GetItem round trip against a local moto_server.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>

#include "aws/credential_providers.h"
#include "aws/dynamodb.h"
#include "aws/ec2.h"
#include "aws/json_protocol.h"
#include "aws/sigv4.h"
#include "local_moto.h"

namespace {

void BM_SignRequest(benchmark::State& state) {
  const aws::credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                               "session-token", std::nullopt};
  aws::sigv4::params p;
  p.region = "us-east-1";
  p.service = "dynamodb";
  const http::request base{"POST",
                           "https://dynamodb.us-east-1.amazonaws.com/",
                           {{"Content-Type", "application/x-amz-json-1.0"},
                            {"X-Amz-Target", "DynamoDB_20120810.GetItem"}},
                           R"({"TableName":"history","Key":{"drift_event_id":{"S":"abc"}}})"};
  for (auto _ : state) {
    http::request r = base;
    auto out = aws::sigv4::sign(r, creds, p);
    benchmark::DoNotOptimize(out.signature);
  }
}
BENCHMARK(BM_SignRequest)->Unit(benchmark::kMicrosecond);

std::string describe_instances_page(int n) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeInstancesResponse "
      "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</"
      "requestId><reservationSet>";
  for (int i = 0; i < n; ++i) {
    std::string id = "i-0" + std::to_string(1000000000 + i);
    x += "<item><reservationId>r-" + id +
         "</reservationId><ownerId>123456789012</ownerId>"
         "<groupSet/><instancesSet><item><instanceId>" +
         id +
         "</instanceId>"
         "<imageId>ami-0abcdef1234567890</imageId><instanceState><code>16</code><name>running"
         "</name></instanceState><privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName>"
         "<instanceType>t3.micro</instanceType><launchTime>2024-01-01T00:00:00.000Z</launchTime>"
         "<placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy>"
         "</placement><monitoring><state>disabled</state></monitoring><subnetId>subnet-1"
         "</subnetId><vpcId>vpc-1</vpcId><privateIpAddress>10.0.0.1</privateIpAddress>"
         "<groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet>"
         "<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>"
         "<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-1"
         "</volumeId><status>attached</status><deleteOnTermination>true</deleteOnTermination>"
         "</ebs></item></blockDeviceMapping><metadataOptions><httpTokens>required</httpTokens>"
         "</metadataOptions><tagSet><item><key>Name</key><value>web-" +
         std::to_string(i) +
         "</value></item><item><key>ManagedBy</key><value>terraform</value></item></tagSet>"
         "</item></instancesSet></item>";
  }
  return x + "</reservationSet></DescribeInstancesResponse>";
}

void BM_ParseDescribeInstances100(benchmark::State& state) {
  const std::string page = describe_instances_page(100);
  for (auto _ : state) {
    auto r = aws::ec2::parse_describe_page(page, "reservationSet");
    benchmark::DoNotOptimize(r.ok());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(page.size()));
}
BENCHMARK(BM_ParseDescribeInstances100)->Unit(benchmark::kMicrosecond);

// Started once, lazily, so the CPU-only benchmarks can run without Python.
bench::local_moto& moto() {
  static bench::local_moto m;  // the benchmark's own emulator, for the whole run
  return m;
}

void BM_DynamoDbGetItemRoundTrip(benchmark::State& state) {
  if (moto().endpoint().empty()) {
    state.SkipWithError("no moto_server (set DRIFT_MOTO_ENDPOINT or install moto)");
    return;
  }
  setenv("AWS_ENDPOINT_URL", moto().endpoint().c_str(), 1);
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"test", "test", "", std::nullopt});
  aws::session s(o);
  const std::string table = "bench-getitem";
  (void)aws::json_call(
      s, aws::services::dynamodb, "CreateTable",
      std::string(R"({"TableName":")" + table +
                  R"(","BillingMode":"PAY_PER_REQUEST",)"
                  R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
                  R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"));
  if (!aws::dynamodb::put_item(
          s, {table, {{"id", "k"}, {"status", "dispatched"}, {"n", 7}}, "", {}})) {
    state.SkipWithError("PutItem failed");
    return;
  }
  for (auto _ : state) {
    auto r = aws::dynamodb::get_item(s, table, {{"id", "k"}});
    if (!r || !r->has_value()) {
      state.SkipWithError("GetItem failed");
      return;
    }
  }
}
BENCHMARK(BM_DynamoDbGetItemRoundTrip)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
