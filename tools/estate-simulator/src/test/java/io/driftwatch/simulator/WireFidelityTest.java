package io.driftwatch.simulator;

import static io.driftwatch.simulator.SimulatorFixture.assertPopulated;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/** Every field the simulator writes must come out of the SDK's own unmarshaller non-null. */
class WireFidelityTest {
  static EstateSimulator sim;
  static SimulatorFixture fx;

  @BeforeAll
  static void start() {
    sim = EstateSimulator.start(SimulatorOptions.builder().seed(5).misconfigurationRate(0.5).build());
    fx = new SimulatorFixture(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void stsResponses() {
    try (StsClient sts = fx.sts(fx.management())) {
      assertPopulated(sts.getCallerIdentity(), Set.of("UserId", "Account", "Arn"));
      AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(fx.roleArn(sim.managementAccountId())).roleSessionName("fidelity"));
      assertPopulated(r, Set.of("Credentials", "AssumedRoleUser", "PackedPolicySize"));
      assertPopulated(r.credentials(), Set.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"));
      assertPopulated(r.assumedRoleUser(), Set.of("AssumedRoleId", "Arn"));
    }
  }

  @Test
  void ec2Responses() {
    AwsSessionCredentials session = fx.assume(fx.accounts("ACTIVE").get(1));
    try (Ec2Client ec2 = fx.ec2(session, "us-east-1")) {
      ec2.describeRegions().regions().forEach(r -> assertPopulated(r, Set.of("Endpoint", "RegionName", "OptInStatus")));

      DescribeInstancesResponse di = ec2.describeInstances(r -> r.maxResults(5));
      assertPopulated(di, Set.of("Reservations"));
      List<Instance> all = ec2.describeInstancesPaginator().reservations().stream().flatMap(r -> {
        assertPopulated(r, Set.of("ReservationId", "OwnerId", "Instances"));
        return r.instances().stream();
      }).toList();
      for (Instance i : all) {
        assertPopulated(i, Set.of("InstanceId", "ImageId", "State", "InstanceType", "Placement", "PrivateIpAddress",
            "PrivateDnsName", "SubnetId", "VpcId", "SecurityGroups", "LaunchTime", "Tags", "MetadataOptions",
            "Architecture", "RootDeviceType", "Monitoring"));
        assertPopulated(i.state(), Set.of("Code", "Name"));
        assertPopulated(i.placement(), Set.of("AvailabilityZone", "Tenancy"));
        assertPopulated(i.metadataOptions(), Set.of("HttpTokens", "State", "HttpEndpoint", "HttpPutResponseHopLimit"));
        i.securityGroups().forEach(g -> assertPopulated(g, Set.of("GroupId", "GroupName")));
        i.tags().forEach(t -> assertPopulated(t, Set.of("Key", "Value")));
        if (i.iamInstanceProfile() != null) {
          assertPopulated(i.iamInstanceProfile(), Set.of("Arn", "Id"));
        }
      }
      assertThat(all).anySatisfy(i -> assertThat(i.iamInstanceProfile()).isNotNull());

      DescribeSecurityGroupsResponse ds = ec2.describeSecurityGroups();
      for (SecurityGroup g : ds.securityGroups()) {
        assertPopulated(g, Set.of("OwnerId", "GroupId", "GroupName", "Description", "VpcId", "IpPermissions",
            "IpPermissionsEgress", "SecurityGroupArn"));
        for (IpPermission p : g.ipPermissions()) {
          assertPopulated(p, Set.of("IpProtocol"));
          assertThat(p.ipRanges().size() + p.ipv6Ranges().size() + p.userIdGroupPairs().size()).isPositive();
          p.ipRanges().forEach(r -> assertPopulated(r, Set.of("CidrIp")));
          p.ipv6Ranges().forEach(r -> assertPopulated(r, Set.of("CidrIpv6")));
          p.userIdGroupPairs().forEach(r -> assertPopulated(r, Set.of("GroupId", "UserId")));
          if (!p.ipProtocol().equals("-1")) {
            assertPopulated(p, Set.of("FromPort", "ToPort"));
          }
        }
      }
      assertThat(ds.securityGroups()).anySatisfy(g -> assertPopulated(g, Set.of("Tags")));
      assertThat(ds.securityGroups()).flatMap(SecurityGroup::ipPermissions)
          .anySatisfy(p -> assertPopulated(p, Set.of("UserIdGroupPairs")));
    }
  }

  @Test
  void iamResponses() {
    try (IamClient iam = fx.iam(fx.management())) {
      var page = iam.listUsers(r -> r.maxItems(1));
      assertPopulated(page, Set.of("Users", "IsTruncated", "Marker"));
      List<User> users = iam.listUsersPaginator().users().stream().toList();
      users.forEach(u -> assertPopulated(u, Set.of("Path", "UserName", "UserId", "Arn", "CreateDate")));
      assertThat(users).anySatisfy(u -> assertPopulated(u, Set.of("PasswordLastUsed")));
      User withMfa = users.stream()
          .filter(u -> !iam.listMFADevices(r -> r.userName(u.userName())).mfaDevices().isEmpty()).findFirst().orElseThrow();
      iam.listMFADevices(r -> r.userName(withMfa.userName())).mfaDevices()
          .forEach(d -> assertPopulated(d, Set.of("UserName", "SerialNumber", "EnableDate")));
      assertPopulated(iam.getLoginProfile(r -> r.userName(withMfa.userName())).loginProfile(),
          Set.of("UserName", "CreateDate", "PasswordResetRequired"));
    }
  }
}
