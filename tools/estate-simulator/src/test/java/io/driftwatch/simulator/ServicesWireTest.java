package io.driftwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.directconnect.DirectConnectClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.glacier.GlacierClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * RDS, Redshift, Glacier, ACM, KMS, ELBv2, SSM, Direct Connect and Config through the real SDK v2
 * clients, in every active account, with the smallest page sizes AWS allows: every response must
 * match the SDK model ({@link WireCheck}), and the collected set must equal the admin API's truth.
 */
class ServicesWireTest {
  static EstateSimulator sim;
  static SimulatorFixture fx;
  static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

  @BeforeAll
  static void start() {
    sim = EstateSimulator.start(SimulatorOptions.builder().seed(11).accountCount(10).misconfigurationRate(0.5).build());
    fx = new SimulatorFixture(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static <C extends SdkAutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
      Supplier<B> builder, AwsCredentialsProvider creds, String region, WireCheck check) {
    return builder.get().endpointOverride(sim.endpoint()).region(Region.of(region)).credentialsProvider(creds)
        .httpClient(HTTP).overrideConfiguration(c -> c.addExecutionInterceptor(check)
            .retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  @Test
  void everyNewOperationMatchesTheSdkModelAndTheTruthSet() {
    WireCheck check = new WireCheck();
    Set<String> kinds = new HashSet<>();
    for (String account : fx.accounts("ACTIVE")) {
      var creds = StaticCredentialsProvider.create(fx.assume(account));
      Set<String> expected = new HashSet<>();
      for (JsonNode i : fx.adminGet("/admin/accounts/" + account + "/resources").get("configurationItems")) {
        String type = i.get("resourceType").asText();
        if (!type.startsWith("AWS::IAM") && !type.startsWith("Driftwatch::IAM") && !type.startsWith("AWS::EC2")
            && !type.startsWith("Driftwatch::EC2") && !type.startsWith("AWS::S3") && !type.startsWith("AWS::CloudTrail")
            && !type.equals("AWS::::Account")) {
          expected.add(type + ":" + i.get("resourceId").asText() + "@" + i.get("region").asText());
        }
      }
      Set<String> seen = new HashSet<>();
      for (String region : sim.regions()) {
        try (RdsClient rds = client(RdsClient::builder, creds, region, check);
             RedshiftClient redshift = client(RedshiftClient::builder, creds, region, check);
             GlacierClient glacier = client(GlacierClient::builder, creds, region, check);
             AcmClient acm = client(AcmClient::builder, creds, region, check);
             KmsClient kms = client(KmsClient::builder, creds, region, check);
             ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client::builder, creds, region, check);
             SsmClient ssm = client(SsmClient::builder, creds, region, check);
             DirectConnectClient dx = client(DirectConnectClient::builder, creds, region, check);
             ConfigClient config = client(ConfigClient::builder, creds, region, check)) {
          String at = "@" + region;
          for (var db : rds.describeDBInstancesPaginator(b -> b.maxRecords(20)).dbInstances()) {
            seen.add("AWS::RDS::DBInstance:" + db.dbiResourceId() + at);
            assertThat(db.storageEncrypted()).isNotNull();
            if (db.readReplicaSourceDBInstanceIdentifier() != null) {
              kinds.add("replica");
              var source = rds.describeDBInstances(b -> b.dbInstanceIdentifier(db.readReplicaSourceDBInstanceIdentifier()))
                  .dbInstances().get(0);
              assertThat(db.storageEncrypted()).as("a replica's encryption is its source's").isEqualTo(source.storageEncrypted());
            }
          }
          for (var snap : rds.describeDBSnapshotsPaginator(b -> b.maxRecords(20)).dbSnapshots()) {
            seen.add("AWS::RDS::DBSnapshot:" + snap.dbSnapshotIdentifier() + at);
            var attrs = rds.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier(snap.dbSnapshotIdentifier()))
                .dbSnapshotAttributesResult().dbSnapshotAttributes();
            assertThat(attrs).extracting(a -> a.attributeName()).containsExactly("restore");
            if (attrs.get(0).attributeValues().contains("all")) {
              kinds.add("public-snapshot");
            }
          }
          for (var c : rds.describeDBClustersPaginator(b -> b.maxRecords(20)).dbClusters()) {
            seen.add("AWS::RDS::DBCluster:" + c.dbClusterResourceId() + at);
            assertThat(c.dbClusterMembers()).isNotEmpty();
          }
          for (var c : redshift.describeClustersPaginator(b -> b.maxRecords(20)).clusters()) {
            seen.add("AWS::Redshift::Cluster:" + c.clusterIdentifier() + at);
            String group = c.clusterParameterGroups().get(0).parameterGroupName();
            var ssl = redshift.describeClusterParametersPaginator(b -> b.parameterGroupName(group).maxRecords(20)).parameters()
                .stream().filter(p -> p.parameterName().equals("require_ssl")).findFirst().orElseThrow();
            kinds.add("require_ssl=" + ssl.parameterValue());
          }
          for (var v : glacier.listVaultsPaginator(b -> b.accountId("-").limit("1")).vaultList()) {
            seen.add("Driftwatch::Glacier::Vault:" + v.vaultName() + at);
            glacier.describeVault(b -> b.accountId("-").vaultName(v.vaultName()));
            glacier.listTagsForVault(b -> b.accountId("-").vaultName(v.vaultName()));
            try {
              assertThat(glacier.getVaultAccessPolicy(b -> b.accountId("-").vaultName(v.vaultName())).policy().policy())
                  .contains("Statement");
              kinds.add("vault-policy");
            } catch (software.amazon.awssdk.services.glacier.model.ResourceNotFoundException e) {
              assertThat(e.statusCode()).isEqualTo(404);
            }
            try {
              assertThat(glacier.getVaultLock(b -> b.accountId(account).vaultName(v.vaultName())).state()).isEqualTo("Locked");
              kinds.add("vault-lock");
            } catch (software.amazon.awssdk.services.glacier.model.ResourceNotFoundException e) {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            }
          }
          for (var c : acm.listCertificatesPaginator(b -> b.maxItems(1).includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
              .certificateSummaryList()) {
            seen.add("AWS::ACM::Certificate:" + c.certificateArn() + at);
            var d = acm.describeCertificate(b -> b.certificateArn(c.certificateArn())).certificate();
            assertThat(d.notAfter()).isEqualTo(c.notAfter());
            kinds.add("cert-" + d.statusAsString());
          }
          for (var k : kms.listKeysPaginator(b -> b.limit(1)).keys()) {
            var meta = kms.describeKey(b -> b.keyId(k.keyArn())).keyMetadata();
            var rotation = kms.getKeyRotationStatus(b -> b.keyId(k.keyId()));
            if (meta.keyManager() == KeyManagerType.CUSTOMER) {
              seen.add("AWS::KMS::Key:" + k.keyId() + at);
              kinds.add("kms-rotation-" + rotation.keyRotationEnabled());
            } else {
              assertThat(rotation.keyRotationEnabled()).isTrue();
            }
          }
          for (var lb : elb.describeLoadBalancersPaginator(b -> b.pageSize(1)).loadBalancers()) {
            seen.add("AWS::ElasticLoadBalancingV2::LoadBalancer:" + lb.loadBalancerArn() + at);
            for (var l : elb.describeListenersPaginator(b -> b.loadBalancerArn(lb.loadBalancerArn()).pageSize(1)).listeners()) {
              seen.add("AWS::ElasticLoadBalancingV2::Listener:" + l.listenerArn() + at);
              kinds.add("listener-" + l.protocolAsString());
            }
          }
          List<String> managed = new ArrayList<>();
          for (var mi : ssm.describeInstanceInformationPaginator(b -> b.maxResults(5)).instanceInformationList()) {
            seen.add("AWS::SSM::ManagedInstanceInventory:" + mi.instanceId() + at);
            managed.add(mi.instanceId());
          }
          for (int i = 0; i < managed.size(); i += 50) {
            List<String> batch = managed.subList(i, Math.min(managed.size(), i + 50));
            for (var ps : ssm.describeInstancePatchStatesPaginator(b -> b.instanceIds(batch).maxResults(10)).instancePatchStates()) {
              seen.add("AWS::SSM::PatchCompliance:" + ps.instanceId() + at);
              kinds.add(ps.missingCount() + ps.failedCount() > 0 ? "patch-non-compliant" : "patch-compliant");
            }
          }
          for (var c : dx.describeConnections(b -> { }).connections()) {
            seen.add("Driftwatch::DirectConnect::Connection:" + c.connectionId() + at);
          }
          for (var v : dx.describeVirtualInterfaces(b -> { }).virtualInterfaces()) {
            seen.add("Driftwatch::DirectConnect::VirtualInterface:" + v.virtualInterfaceId() + at);
            kinds.add("dx");
          }
          config.describeConfigurationRecorders(b -> { });
          var status = config.describeConfigurationRecorderStatus(b -> { }).configurationRecordersStatus();
          kinds.add(status.isEmpty() ? "no-recorder" : "recording-" + status.get(0).recording());
          seen.add("Driftwatch::Config::RecorderStatus:" + account + at);
        }
      }
      assertThat(seen).as("account %s", account).isEqualTo(expected);
    }
    assertThat(check.problems).isEmpty();
    assertThat(check.checked).isGreaterThan(200);
    assertThat(kinds).contains("replica", "public-snapshot", "require_ssl=false", "require_ssl=true", "vault-policy",
        "cert-EXPIRED", "cert-ISSUED", "kms-rotation-false", "kms-rotation-true", "listener-HTTP", "listener-HTTPS",
        "patch-non-compliant", "patch-compliant", "dx", "recording-true");
    assertThat(sim.operationsServed()).contains("rds:DescribeDBInstances", "rds:DescribeDBSnapshots",
        "rds:DescribeDBSnapshotAttributes", "rds:DescribeDBClusters", "redshift:DescribeClusters",
        "redshift:DescribeClusterParameters", "glacier:ListVaults", "glacier:GetVaultAccessPolicy", "glacier:GetVaultLock",
        "acm:ListCertificates", "acm:DescribeCertificate", "kms:ListKeys", "kms:DescribeKey", "kms:GetKeyRotationStatus",
        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners",
        "ssm:DescribeInstanceInformation", "ssm:DescribeInstancePatchStates", "directconnect:DescribeConnections",
        "directconnect:DescribeVirtualInterfaces", "config:DescribeConfigurationRecorderStatus");
  }

  @Test
  void awsErrorCodes() {
    String account = fx.accounts("ACTIVE").get(1);
    String other = fx.accounts("ACTIVE").get(2);
    var creds = StaticCredentialsProvider.create(fx.assume(account));
    WireCheck check = new WireCheck();
    String region = "us-east-1";
    try (RdsClient rds = client(RdsClient::builder, creds, region, check);
         RedshiftClient redshift = client(RedshiftClient::builder, creds, region, check);
         GlacierClient glacier = client(GlacierClient::builder, creds, region, check);
         AcmClient acm = client(AcmClient::builder, creds, region, check);
         KmsClient kms = client(KmsClient::builder, creds, region, check);
         ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client::builder, creds, region, check);
         SsmClient ssm = client(SsmClient::builder, creds, region, check);
         DirectConnectClient dx = client(DirectConnectClient::builder, creds, region, check);
         ConfigClient config = client(ConfigClient::builder, creds, region, check)) {
      assertThatThrownBy(() -> rds.describeDBInstances(b -> b.dbInstanceIdentifier("nope")))
          .isInstanceOf(software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException.class);
      assertThatThrownBy(() -> rds.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier("nope")))
          .isInstanceOf(software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException.class);
      assertThatThrownBy(() -> rds.describeDBClusters(b -> b.dbClusterIdentifier("nope")))
          .isInstanceOf(software.amazon.awssdk.services.rds.model.DbClusterNotFoundException.class);
      assertThatThrownBy(() -> rds.describeDBInstances(b -> b.maxRecords(5))).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
      assertThatThrownBy(() -> redshift.describeClusterParameters(b -> b.parameterGroupName("nope")))
          .isInstanceOf(software.amazon.awssdk.services.redshift.model.ClusterParameterGroupNotFoundException.class);
      assertThatThrownBy(() -> redshift.describeClusters(b -> b.clusterIdentifier("nope")))
          .isInstanceOf(software.amazon.awssdk.services.redshift.model.ClusterNotFoundException.class);
      assertThatThrownBy(() -> glacier.listVaults(b -> b.accountId(other)))
          .isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403));
      assertThatThrownBy(() -> glacier.getVaultLock(b -> b.accountId("-").vaultName("no-such-vault")))
          .isInstanceOf(software.amazon.awssdk.services.glacier.model.ResourceNotFoundException.class);
      assertThatThrownBy(() -> glacier.listVaults(b -> b.accountId("-").limit("5000")))
          .isInstanceOf(software.amazon.awssdk.services.glacier.model.InvalidParameterValueException.class);
      assertThatThrownBy(() -> acm.describeCertificate(b -> b.certificateArn("arn:aws:acm:us-east-1:" + account
          + ":certificate/00000000-0000-0000-0000-000000000000")))
          .isInstanceOf(software.amazon.awssdk.services.acm.model.ResourceNotFoundException.class);
      assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("00000000-0000-0000-0000-000000000000")))
          .isInstanceOf(software.amazon.awssdk.services.kms.model.NotFoundException.class);
      assertThatThrownBy(() -> kms.listKeys(b -> b.marker("garbage")))
          .isInstanceOf(software.amazon.awssdk.services.kms.model.InvalidMarkerException.class);
      assertThat(kms.describeKey(b -> b.keyId("alias/aws/rds")).keyMetadata().keyManager()).isEqualTo(KeyManagerType.AWS);
      assertThatThrownBy(() -> elb.describeLoadBalancers(b -> b.names("nope")))
          .isInstanceOf(software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException.class);
      assertThatThrownBy(() -> ssm.describeInstanceInformation(b -> b.nextToken("garbage")))
          .isInstanceOf(software.amazon.awssdk.services.ssm.model.InvalidNextTokenException.class);
      assertThatThrownBy(() -> dx.describeConnections(b -> b.connectionId("dxcon-nope")))
          .isInstanceOf(software.amazon.awssdk.services.directconnect.model.DirectConnectClientException.class);
      assertThatThrownBy(() -> config.describeConfigurationRecorderStatus(b -> b.configurationRecorderNames("nope")))
          .isInstanceOf(software.amazon.awssdk.services.config.model.NoSuchConfigurationRecorderException.class);
    }
    fx.admin("POST", "/admin/faults", "{\"throttle\":{\"action\":\"*\",\"rate\":1.0}}");
    try (KmsClient kms = client(KmsClient::builder, creds, region, check);
         RdsClient rds = client(RdsClient::builder, creds, region, check);
         GlacierClient glacier = client(GlacierClient::builder, creds, region, check)) {
      assertThatThrownBy(() -> kms.listKeys()).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).isThrottlingException()).isTrue());
      assertThatThrownBy(() -> rds.describeDBInstances()).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).isThrottlingException()).isTrue());
      assertThatThrownBy(() -> glacier.listVaults(b -> b.accountId("-"))).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).isThrottlingException()).isTrue());
    } finally {
      fx.admin("DELETE", "/admin/faults", null);
    }
    assertThat(check.problems).isEmpty();
  }

  @Test
  void newMisconfigurationsOnlyUnderAll() {
    JsonNode plain = fx.adminGet("/admin/misconfigurations");
    JsonNode all = fx.adminGet("/admin/misconfigurations?all=true");
    Set<String> plainRules = new HashSet<>();
    plain.forEach(m -> plainRules.add(m.get("ruleId").asText()));
    assertThat(plainRules).containsOnly("sg-open-ssh", "iam-console-no-mfa");
    Set<String> allRules = new HashSet<>();
    all.forEach(m -> allRules.add(m.get("ruleId").asText()));
    assertThat(allRules).contains("rds-instance-unencrypted", "rds-snapshot-unencrypted", "rds-snapshot-public",
        "redshift-require-ssl-off", "acm-certificate-expired", "acm-certificate-expiring", "kms-rotation-off",
        "elb-http-listener", "elb-old-tls-policy", "ssm-patch-non-compliant", "config-recorder-off");
  }
}
