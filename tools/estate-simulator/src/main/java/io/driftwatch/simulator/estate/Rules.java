package io.driftwatch.simulator.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The simulator's ground-truth checks, evaluated on current state. */
public final class Rules {
  /** Access key ids as AWS issues them: AKIA (long-term) or ASIA (session) plus 16 characters. */
  public static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
  /** Keys unused (or never used) for longer than this are stale. */
  public static final Duration STALE_KEY = Duration.ofDays(90);

  private Rules() {}

  /** Ingress from anywhere that reaches tcp/22: exact port, a covering range, or all protocols. */
  public static boolean opensSshToWorld(PermissionRule r) {
    boolean world = "0.0.0.0/0".equals(r.cidrIp()) || "::/0".equals(r.cidrIpv6());
    if (!world) {
      return false;
    }
    if ("-1".equals(r.ipProtocol())) {
      return true;
    }
    return "tcp".equals(r.ipProtocol()) && r.fromPort() <= 22 && r.toPort() >= 22;
  }

  public static boolean opensSshToWorld(SecurityGroup sg) {
    return sg.ingress().stream().anyMatch(Rules::opensSshToWorld);
  }

  public static boolean consoleWithoutMfa(IamUser u) {
    return u.loginProfile() != null && u.mfaDevices().isEmpty();
  }

  public static boolean staleKey(IamModel.AccessKey k, Instant now) {
    Instant last = k.lastUsed() != null ? k.lastUsed() : k.createDate();
    return "Active".equals(k.status()) && last.isBefore(now.minus(STALE_KEY));
  }

  /** An Allow of Action "*" on Resource "*" (string or list form). */
  public static boolean grantsAdmin(String policyDocument) {
    String compact = policyDocument.replaceAll("\\s+", "");
    return compact.contains("\"Effect\":\"Allow\"")
        && (compact.contains("\"Action\":\"*\"") || compact.contains("\"Action\":[\"*\"]"))
        && (compact.contains("\"Resource\":\"*\"") || compact.contains("\"Resource\":[\"*\"]"));
  }

  /** A bucket policy denying requests whose aws:SecureTransport is false. */
  public static boolean tlsOnly(String policy) {
    if (policy == null) {
      return false;
    }
    String compact = policy.replaceAll("\\s+", "");
    return compact.contains("\"Effect\":\"Deny\"") && compact.contains("\"aws:SecureTransport\":\"false\"");
  }

  static void extended(String accountId, Collection<IamUser> users, Map<String, IamModel.UserExtras> extras,
                       Collection<IamModel.Role> roles, Collection<IamModel.ManagedPolicy> policies,
                       IamModel.AccountSettings settings, Collection<StorageModel.Bucket> buckets,
                       Collection<StorageModel.Trail> trails, List<String> regions, List<Misconfiguration> out) {
    Instant now = Instant.now();
    String summary = "Driftwatch::IAM::AccountSummary";
    if (settings.rootAccessKeysPresent()) {
      out.add(new Misconfiguration("iam-root-access-keys", accountId, "global", summary, accountId));
    }
    if (!settings.rootMfaEnabled()) {
      out.add(new Misconfiguration("iam-root-no-mfa", accountId, "global", summary, accountId));
    }
    IamModel.PasswordPolicy pp = settings.passwordPolicy();
    if (pp == null || pp.minimumPasswordLength() < 14) {
      out.add(new Misconfiguration("iam-weak-password-policy", accountId, "global", "Driftwatch::IAM::PasswordPolicy", accountId));
    }
    for (IamUser u : users) {
      IamModel.UserExtras x = extras.getOrDefault(u.userName(), IamModel.UserExtras.NONE);
      if (x.accessKeys().stream().anyMatch(k -> staleKey(k, now))) {
        out.add(new Misconfiguration("iam-stale-access-key", accountId, "global", "AWS::IAM::User", u.userId()));
      }
    }
    for (IamModel.ManagedPolicy p : policies) {
      if (grantsAdmin(p.document())) {
        out.add(new Misconfiguration("iam-admin-policy", accountId, "global", "AWS::IAM::Policy", p.policyId()));
      }
    }
    for (IamModel.Role r : roles) {
      if (r.trustPolicy().replaceAll("\\s+", "").contains("\"Principal\":{\"AWS\":\"*\"}")) {
        out.add(new Misconfiguration("iam-role-trusts-anyone", accountId, "global", "AWS::IAM::Role", r.roleId()));
      }
    }
    boolean allRegions = false;
    for (StorageModel.Trail t : trails) {
      allRegions |= t.multiRegion() && t.logging();
      if (!t.logging()) {
        out.add(new Misconfiguration("cloudtrail-logging-off", accountId, t.homeRegion(), "AWS::CloudTrail::Trail", t.name()));
      }
      if (!t.logFileValidation()) {
        out.add(new Misconfiguration("cloudtrail-no-log-validation", accountId, t.homeRegion(), "AWS::CloudTrail::Trail", t.name()));
      }
    }
    if (!allRegions) {
      out.add(new Misconfiguration("cloudtrail-not-all-regions", accountId, "global", "AWS::::Account", accountId));
    }
    for (StorageModel.Bucket b : buckets) {
      if (b.sseAlgorithm() == null) {
        out.add(new Misconfiguration("s3-no-default-encryption", accountId, b.region(), "AWS::S3::Bucket", b.name()));
      }
      if (b.publicAccessBlock() == null || !b.publicAccessBlock().all()) {
        out.add(new Misconfiguration("s3-public-access-not-blocked", accountId, b.region(), "AWS::S3::Bucket", b.name()));
      }
      if (!tlsOnly(b.policy())) {
        out.add(new Misconfiguration("s3-not-tls-only", accountId, b.region(), "AWS::S3::Bucket", b.name()));
      }
    }
  }

  static void extendedRegional(String accountId, String region, Collection<Instance> instances,
                               Map<String, NetworkModel.InstanceSettings> settings, Collection<NetworkModel.Subnet> subnets,
                               Collection<NetworkModel.Volume> volumes, Collection<NetworkModel.Snapshot> snapshots,
                               boolean ebsDefault, List<Misconfiguration> out) {
    for (Instance i : instances) {
      NetworkModel.InstanceSettings s = settings.getOrDefault(i.instanceId(), NetworkModel.InstanceSettings.NONE);
      if (s.userData() != null && ACCESS_KEY_ID.matcher(s.userData()).find()) {
        out.add(new Misconfiguration("ec2-user-data-access-key", accountId, region, "AWS::EC2::Instance", i.instanceId()));
      }
      if (i.instanceProfile() == null) {
        out.add(new Misconfiguration("ec2-no-instance-profile", accountId, region, "AWS::EC2::Instance", i.instanceId()));
      }
    }
    for (NetworkModel.Subnet s : subnets) {
      if (s.mapPublicIpOnLaunch()) {
        out.add(new Misconfiguration("vpc-subnet-public-ip-on-launch", accountId, region, "AWS::EC2::Subnet", s.subnetId()));
      }
    }
    for (NetworkModel.Volume v : volumes) {
      if (!v.encrypted()) {
        out.add(new Misconfiguration("ebs-volume-unencrypted", accountId, region, "AWS::EC2::Volume", v.volumeId()));
      }
    }
    for (NetworkModel.Snapshot s : snapshots) {
      if (s.publicRestore()) {
        out.add(new Misconfiguration("ebs-snapshot-public", accountId, region, "AWS::EC2::Snapshot", s.snapshotId()));
      }
      if (!s.encrypted()) {
        out.add(new Misconfiguration("ebs-snapshot-unencrypted", accountId, region, "AWS::EC2::Snapshot", s.snapshotId()));
      }
    }
    if (!ebsDefault) {
      out.add(new Misconfiguration("ebs-encryption-by-default-off", accountId, region,
          "Driftwatch::EC2::EbsEncryptionByDefault", accountId));
    }
  }

  /** Days before expiry from which a certificate counts as expiring. */
  public static final Duration CERT_EXPIRY_WARNING = Duration.ofDays(30);

  /** A resource policy with an Allow statement for Principal "*" (or {"AWS":"*"}). */
  public static boolean allowsAnyone(String policy) {
    if (policy == null) {
      return false;
    }
    String compact = policy.replaceAll("\\s+", "");
    return compact.contains("\"Effect\":\"Allow\"")
        && (compact.contains("\"Principal\":\"*\"") || compact.contains("\"Principal\":{\"AWS\":\"*\"}"));
  }

  static void services(String accountId, String region, ServicesModel.Regional s, List<Misconfiguration> out) {
    Instant now = Instant.now();
    for (ServicesModel.DbInstance db : s.dbInstances()) {
      if (!db.storageEncrypted()) {
        out.add(new Misconfiguration("rds-instance-unencrypted", accountId, region, "AWS::RDS::DBInstance", db.dbiResourceId()));
      }
      if (db.publiclyAccessible()) {
        out.add(new Misconfiguration("rds-instance-public", accountId, region, "AWS::RDS::DBInstance", db.dbiResourceId()));
      }
    }
    for (ServicesModel.DbSnapshot snap : s.dbSnapshots()) {
      if (!snap.encrypted()) {
        out.add(new Misconfiguration("rds-snapshot-unencrypted", accountId, region, "AWS::RDS::DBSnapshot", snap.identifier()));
      }
      if (snap.publicRestore()) {
        out.add(new Misconfiguration("rds-snapshot-public", accountId, region, "AWS::RDS::DBSnapshot", snap.identifier()));
      }
    }
    for (ServicesModel.DbCluster c : s.dbClusters()) {
      if (!c.storageEncrypted()) {
        out.add(new Misconfiguration("rds-cluster-unencrypted", accountId, region, "AWS::RDS::DBCluster", c.resourceId()));
      }
    }
    for (ServicesModel.RedshiftCluster c : s.redshiftClusters()) {
      if (!c.encrypted()) {
        out.add(new Misconfiguration("redshift-cluster-unencrypted", accountId, region, "AWS::Redshift::Cluster", c.identifier()));
      }
      if (c.publiclyAccessible()) {
        out.add(new Misconfiguration("redshift-cluster-public", accountId, region, "AWS::Redshift::Cluster", c.identifier()));
      }
      if (!s.redshiftRequireSsl().getOrDefault(c.parameterGroupName(), false)) {
        out.add(new Misconfiguration("redshift-require-ssl-off", accountId, region, "AWS::Redshift::Cluster", c.identifier()));
      }
    }
    for (ServicesModel.Vault v : s.vaults()) {
      if (allowsAnyone(v.accessPolicy())) {
        out.add(new Misconfiguration("glacier-vault-public-policy", accountId, region, "Driftwatch::Glacier::Vault", v.name()));
      }
    }
    for (ServicesModel.Certificate c : s.certificates()) {
      if (c.notAfter().isBefore(now)) {
        out.add(new Misconfiguration("acm-certificate-expired", accountId, region, "AWS::ACM::Certificate", c.arn()));
      } else if (c.notAfter().isBefore(now.plus(CERT_EXPIRY_WARNING))) {
        out.add(new Misconfiguration("acm-certificate-expiring", accountId, region, "AWS::ACM::Certificate", c.arn()));
      }
      if ("RSA_1024".equals(c.keyAlgorithm())) {
        out.add(new Misconfiguration("acm-certificate-weak-key", accountId, region, "AWS::ACM::Certificate", c.arn()));
      }
    }
    for (ServicesModel.KmsKey k : s.keys()) {
      if ("CUSTOMER".equals(k.keyManager()) && k.enabled() && !k.rotationEnabled()) {
        out.add(new Misconfiguration("kms-rotation-off", accountId, region, "AWS::KMS::Key", k.keyId()));
      }
    }
    for (ServicesModel.LoadBalancer lb : s.loadBalancers()) {
      for (ServicesModel.Listener l : lb.listeners()) {
        if ("HTTP".equals(l.protocol()) && !"redirect".equals(l.defaultActionType())) {
          out.add(new Misconfiguration("elb-http-listener", accountId, region, "AWS::ElasticLoadBalancingV2::Listener", l.arn()));
        }
        if (l.sslPolicy() != null && EstateServices.OLD_TLS_POLICIES.contains(l.sslPolicy())) {
          out.add(new Misconfiguration("elb-old-tls-policy", accountId, region, "AWS::ElasticLoadBalancingV2::Listener", l.arn()));
        }
      }
    }
    for (ServicesModel.ManagedInstance mi : s.managedInstances()) {
      if (mi.patch() != null && !mi.patch().compliant()) {
        out.add(new Misconfiguration("ssm-patch-non-compliant", accountId, region, "AWS::SSM::PatchCompliance", mi.instanceId()));
      }
    }
    if (s.recorder() == null || !s.recorder().recording()) {
      out.add(new Misconfiguration("config-recorder-off", accountId, region, "Driftwatch::Config::RecorderStatus", accountId));
    }
  }
}
