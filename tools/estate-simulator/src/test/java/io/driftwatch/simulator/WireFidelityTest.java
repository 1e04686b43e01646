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

  /**
   * Every operation the simulator serves, called through the real SDK with {@link WireCheck}
   * comparing each raw response with what the SDK unmarshalled.
   */
  @Test
  void everyServedOperationMatchesTheSdkModel() {
    WireCheck check = new WireCheck();
    String account = fx.accounts("ACTIVE").get(1);
    AwsSessionCredentials session = fx.assume(account);
    var creds = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(session);
    var http = software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create();
    try (var iam = software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(sim.endpoint())
            .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL).credentialsProvider(creds).httpClient(http)
            .overrideConfiguration(c -> c.addExecutionInterceptor(check)).build();
         var ec2 = Ec2Client.builder().endpointOverride(sim.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(creds).httpClient(http).overrideConfiguration(c -> c.addExecutionInterceptor(check)).build();
         var s3 = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(sim.endpoint()).forcePathStyle(true)
            .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(creds).httpClient(http)
            .overrideConfiguration(c -> c.addExecutionInterceptor(check)).build();
         var trail = software.amazon.awssdk.services.cloudtrail.CloudTrailClient.builder().endpointOverride(sim.endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(creds).httpClient(http)
            .overrideConfiguration(c -> c.addExecutionInterceptor(check)).build()) {
      for (var u : iam.listUsersPaginator().users()) {
        iam.listMFADevices(b -> b.userName(u.userName()));
        for (var k : iam.listAccessKeys(b -> b.userName(u.userName())).accessKeyMetadata()) {
          iam.getAccessKeyLastUsed(b -> b.accessKeyId(k.accessKeyId()));
        }
        iam.listAttachedUserPolicies(b -> b.userName(u.userName()));
        for (String p : iam.listUserPolicies(b -> b.userName(u.userName())).policyNames()) {
          iam.getUserPolicy(b -> b.userName(u.userName()).policyName(p));
        }
        iam.listGroupsForUser(b -> b.userName(u.userName()));
        try {
          iam.getLoginProfile(b -> b.userName(u.userName()));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException ignored) {
          // programmatic user
        }
      }
      for (var r : iam.listRolesPaginator().roles()) {
        iam.listAttachedRolePolicies(b -> b.roleName(r.roleName()));
        for (String p : iam.listRolePolicies(b -> b.roleName(r.roleName())).policyNames()) {
          iam.getRolePolicy(b -> b.roleName(r.roleName()).policyName(p));
        }
      }
      for (var g : iam.listGroupsPaginator().groups()) {
        iam.listAttachedGroupPolicies(b -> b.groupName(g.groupName()));
        for (String p : iam.listGroupPolicies(b -> b.groupName(g.groupName())).policyNames()) {
          iam.getGroupPolicy(b -> b.groupName(g.groupName()).policyName(p));
        }
      }
      for (var p : iam.listPoliciesPaginator(b -> b.scope("Local")).policies()) {
        iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId(p.defaultVersionId()));
      }
      iam.getAccountAuthorizationDetailsPaginator(b -> b.maxItems(4)).forEach(page -> { });
      iam.getAccountSummary();
      try {
        iam.getAccountPasswordPolicy();
      } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException ignored) {
        // no policy set in this account
      }

      ec2.describeVpcs();
      ec2.describeSubnets();
      ec2.describeNetworkAcls();
      ec2.describeVolumes();
      ec2.getEbsEncryptionByDefault(b -> { });
      for (var snap : ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots()) {
        ec2.describeSnapshotAttribute(b -> b.snapshotId(snap.snapshotId()).attribute("createVolumePermission"));
      }
      for (var r : ec2.describeInstances().reservations()) {
        for (var i : r.instances()) {
          ec2.describeInstanceAttribute(b -> b.instanceId(i.instanceId()).attribute("disableApiTermination"));
          ec2.describeInstanceAttribute(b -> b.instanceId(i.instanceId()).attribute("userData"));
        }
      }
      ec2.describeSecurityGroups();
      ec2.describeRegions();

      for (var b : s3.listBuckets().buckets()) {
        s3.getBucketLocation(x -> x.bucket(b.name()));
        s3.getBucketVersioning(x -> x.bucket(b.name()));
        s3.getBucketLogging(x -> x.bucket(b.name()));
        for (Runnable call : List.<Runnable>of(
            () -> s3.getBucketEncryption(x -> x.bucket(b.name())),
            () -> s3.getPublicAccessBlock(x -> x.bucket(b.name())),
            () -> s3.getBucketPolicy(x -> x.bucket(b.name())),
            () -> s3.getBucketTagging(x -> x.bucket(b.name())))) {
          try {
            call.run();
          } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isIn("ServerSideEncryptionConfigurationNotFoundError",
                "NoSuchPublicAccessBlockConfiguration", "NoSuchBucketPolicy", "NoSuchTagSet");
          }
        }
      }
      for (var t : trail.describeTrails().trailList()) {
        trail.getTrailStatus(b -> b.name(t.trailARN()));
      }
    }
    assertThat(check.problems).isEmpty();
    assertThat(check.checked).isGreaterThan(40);
    assertThat(sim.operationsServed()).contains("iam:GetAccountSummary", "ec2:DescribeNetworkAcls", "s3:GetBucketPolicy",
        "cloudtrail:GetTrailStatus", "iam:GetPolicyVersion", "ec2:DescribeSnapshotAttribute");
  }
}
