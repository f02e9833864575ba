// EC2 and RDS reads against moto.
#include <gtest/gtest.h>

#include "aws/ec2.h"
#include "aws/rds.h"
#include "moto_session.h"

namespace {

namespace ec2 = aws::ec2;

std::string call_for(aws::session& s, const std::string& action, const aws::query_params& q,
                     const char* path) {
  auto r = aws::query_call(s, aws::services::ec2, action, q);
  EXPECT_TRUE(r.ok()) << action << ": " << r.error().describe();
  return r ? r->result.first_element_by_path(path).child_value() : "";
}

TEST(Ec2, DescribeInstancesMergesEveryPage) {
  auto s = aws_test::moto_session();
  auto marker = aws_test::unique("fleet");
  for (int i = 0; i < 7; ++i) {  // one reservation each: EC2 pages by reservation
    auto r = aws::query_call(*s, aws::services::ec2, "RunInstances",
                             {{"ImageId", "ami-12345678"},
                              {"MinCount", "1"},
                              {"MaxCount", "1"},
                              {"InstanceType", "t3.micro"},
                              {"TagSpecification.1.ResourceType", "instance"},
                              {"TagSpecification.1.Tag.1.Key", "Fleet"},
                              {"TagSpecification.1.Tag.1.Value", marker}});
    ASSERT_TRUE(r.ok()) << r.error().describe();
  }

  auto all = ec2::describe_instances(*s, {{}, {{"tag:Fleet", {marker}}}, 5});
  ASSERT_TRUE(all.ok()) << all.error().describe();
  int n = 0;
  for (auto res : all->result.children("item"))
    for (auto inst : res.child("instancesSet").children("item")) {
      ++n;
      EXPECT_EQ(ec2::tags_of(inst).at("Fleet"), marker);
      EXPECT_STREQ(inst.child_value("instanceType"), "t3.micro");
    }
  EXPECT_EQ(n, 7);
  // The 7 came from more than one page: a single page of 5 says there is more.
  auto first = aws::query_call(
      *s, aws::services::ec2, "DescribeInstances",
      {{"Filter.1.Name", "tag:Fleet"}, {"Filter.1.Value.1", marker}, {"MaxResults", "5"}});
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(std::string(first->result.child_value("nextToken")).empty());

  auto missing = ec2::describe_instances(*s, {{"i-0123456789abcdef0"}, {}, 0});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(missing.error().service, "EC2");
}

TEST(Ec2, NetworkingAndVolumeReads) {
  auto s = aws_test::moto_session();
  std::string vpc = call_for(*s, "CreateVpc", {{"CidrBlock", "10.42.0.0/16"}}, "vpc/vpcId");
  ASSERT_FALSE(vpc.empty());
  std::string subnet = call_for(*s, "CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.42.1.0/24"}},
                                "subnet/subnetId");
  std::string sg =
      call_for(*s, "CreateSecurityGroup",
               {{"GroupName", aws_test::unique("sg")}, {"GroupDescription", "d"}, {"VpcId", vpc}},
               "groupId");
  ASSERT_FALSE(sg.empty());
  call_for(*s, "AuthorizeSecurityGroupIngress",
           {{"GroupId", sg},
            {"IpPermissions.1.IpProtocol", "tcp"},
            {"IpPermissions.1.FromPort", "22"},
            {"IpPermissions.1.ToPort", "22"},
            {"IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0"}},
           "return");
  std::string vol =
      call_for(*s, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", "8"}}, "volumeId");

  auto vpcs = ec2::describe_vpcs(*s, {{vpc}, {}, 0});
  ASSERT_TRUE(vpcs.ok()) << vpcs.error().describe();
  EXPECT_STREQ(vpcs->result.child("item").child_value("cidrBlock"), "10.42.0.0/16");
  auto dns = ec2::describe_vpc_attribute(*s, vpc, "enableDnsSupport");
  ASSERT_TRUE(dns.ok()) << dns.error().describe();
  EXPECT_TRUE(*dns);

  auto subnets = ec2::describe_subnets(*s, {{}, {{"vpc-id", {vpc}}}, 0});
  ASSERT_TRUE(subnets.ok()) << subnets.error().describe();
  EXPECT_STREQ(subnets->result.child("item").child_value("subnetId"), subnet.c_str());

  auto groups = ec2::describe_security_groups(*s, {{sg}, {}, 0});
  ASSERT_TRUE(groups.ok()) << groups.error().describe();
  auto perm = groups->result.child("item").child("ipPermissions").child("item");
  EXPECT_STREQ(perm.child_value("fromPort"), "22");

  auto rules = ec2::describe_security_group_rules(*s, {{}, {{"group-id", {sg}}}, 0});
  ASSERT_TRUE(rules.ok()) << rules.error().describe();
  bool ssh = false;
  for (auto r : rules->result.children("item"))
    ssh = ssh || (std::string(r.child_value("isEgress")) == "false" &&
                  std::string(r.child_value("fromPort")) == "22");
  EXPECT_TRUE(ssh);

  auto vols = ec2::describe_volumes(*s, {{vol}, {}, 0});
  ASSERT_TRUE(vols.ok()) << vols.error().describe();
  EXPECT_STREQ(vols->result.child("item").child_value("size"), "8");
}

TEST(Rds, DescribeInstancesAndTags) {
  auto s = aws_test::moto_session();
  auto id = aws_test::unique("db");
  auto created = aws::query_call(*s, aws::services::rds, "CreateDBInstance",
                                 {{"DBInstanceIdentifier", id},
                                  {"Engine", "postgres"},
                                  {"DBInstanceClass", "db.t3.micro"},
                                  {"AllocatedStorage", "20"},
                                  {"MasterUsername", "admin"},
                                  {"MasterUserPassword", "password123"},
                                  {"Tags.Tag.1.Key", "Env"},
                                  {"Tags.Tag.1.Value", "prod"}});
  ASSERT_TRUE(created.ok()) << created.error().describe();

  auto dbs = aws::rds::describe_db_instances(*s, id);
  ASSERT_TRUE(dbs.ok()) << dbs.error().describe();
  auto db = dbs->result.child("DBInstance");
  EXPECT_STREQ(db.child_value("Engine"), "postgres");
  std::string arn = db.child_value("DBInstanceArn");
  auto tags = aws::rds::list_tags_for_resource(*s, arn);
  ASSERT_TRUE(tags.ok()) << tags.error().describe();
  ASSERT_EQ(tags->count("Env"), 1u);
  EXPECT_EQ(tags->at("Env"), "prod");

  auto all = aws::rds::describe_db_instances(*s);
  ASSERT_TRUE(all.ok()) << all.error().describe();
  EXPECT_GE(std::distance(all->result.children("DBInstance").begin(),
                          all->result.children("DBInstance").end()),
            1);

  auto missing = aws::rds::describe_db_instances(*s, id + "-absent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "DBInstanceNotFound");
  EXPECT_EQ(missing.error().http_status, 404);
}

}  // namespace
