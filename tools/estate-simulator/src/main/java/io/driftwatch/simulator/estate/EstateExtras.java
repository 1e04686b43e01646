package io.driftwatch.simulator.estate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.nio.charset.StandardCharsets;

/**
 * The second generator pass: IAM depth (keys, roles, policies, groups, account settings), S3,
 * CloudTrail, VPC networking and EBS. Its own {@link Random} keeps the first pass untouched.
 * "Recent" timestamps (key last use) are anchored at generation time, so a key planted as fresh
 * stays fresh however late the simulator is started; structure and ids remain a pure function of the seed.
 */
final class EstateExtras {
  private static final String[] TEAMS = {"payments", "identity", "search", "analytics", "platform", "billing"};
  private static final String[] BUCKET_PURPOSES = {"assets", "backups", "data-lake", "artifacts", "reports", "logs"};
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final String POWER_USER = "arn:aws:iam::aws:policy/PowerUserAccess";
  private static final String SECURITY_AUDIT = "arn:aws:iam::aws:policy/SecurityAudit";
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final EstateGenerator.Config config;
  private final Random rnd;
  private final Set<String> usedIds;
  private final Map<String, String[]> subnetIds;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
  private final double m;

  EstateExtras(EstateGenerator.Config config, Random rnd, Set<String> usedIds, Map<String, String[]> subnetIds) {
    this.config = config;
    this.rnd = rnd;
    this.usedIds = usedIds;
    this.subnetIds = subnetIds;
    this.m = config.misconfigurationRate();
  }

  void populate(Estate estate) {
    for (Account a : estate.accounts()) {
      if (!a.active()) {
        continue;
      }
      iam(estate, a);
      String trailBucket = storage(estate, a);
      trails(estate, a, trailBucket);
      for (String region : config.regions()) {
        network(estate, a.id(), region);
      }
    }
  }

  // --- IAM ---

  private void iam(Estate estate, Account a) {
    String acct = a.id();
    boolean management = acct.equals(EstateGenerator.MANAGEMENT_ACCOUNT_ID);
    IamModel.PasswordPolicy policy = null;
    if (!(rnd.nextDouble() < m) || management) {
      policy = new IamModel.PasswordPolicy(14 + rnd.nextInt(3), true, true, true, true, true, 90, 24, false);
    } else if (rnd.nextBoolean()) {
      policy = new IamModel.PasswordPolicy(8, false, true, false, true, true, null, null, false);
    }
    estate.putIamSettings(acct, new IamModel.AccountSettings(management || !(rnd.nextDouble() < m),
        !management && rnd.nextDouble() < m * 0.5, policy));

    List<IamModel.ManagedPolicy> policies = new ArrayList<>();
    String team = TEAMS[rnd.nextInt(TEAMS.length)];
    policies.add(managed(acct, team + "-s3-read", "Read access to the " + team + " buckets", """
        {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::%s-*","arn:aws:s3:::%s-*/*"]}]}"""
        .formatted(team, team)));
    if (rnd.nextBoolean()) {
      policies.add(managed(acct, "ci-deploy", "Deploys services from CI", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken","ecr:BatchGetImage","ecs:UpdateService","ecs:DescribeServices"],"Resource":"*"}]}"""));
    }
    if (rnd.nextDouble() < m) {
      policies.add(managed(acct, "break-glass-admin", "Temporary full access",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
    }
    policies.forEach(estate::putPolicy);

    List<IamModel.Group> groups = new ArrayList<>();
    groups.add(new IamModel.Group(acct, "admins", newUpperId("AGPA", 17), "/", past(300, 1500),
        List.of(new IamModel.AttachedPolicy("AdministratorAccess", ADMIN)), Map.of()));
    groups.add(new IamModel.Group(acct, "developers", newUpperId("AGPA", 17), "/", past(300, 1500),
        List.of(new IamModel.AttachedPolicy("PowerUserAccess", POWER_USER),
            new IamModel.AttachedPolicy(policies.get(0).policyName(), policies.get(0).arn())),
        Map.of("deny-iam", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}")));
    if (rnd.nextBoolean()) {
      groups.add(new IamModel.Group(acct, "auditors", newUpperId("AGPA", 17), "/", past(300, 1500),
          List.of(new IamModel.AttachedPolicy("ReadOnlyAccess", READ_ONLY)), Map.of()));
    }
    groups.forEach(estate::putGroup);

    for (IamUser u : estate.users(acct)) {
      List<String> memberOf = new ArrayList<>();
      for (IamModel.Group g : groups) {
        if (rnd.nextInt(3) == 0) {
          memberOf.add(g.groupName());
        }
      }
      List<IamModel.AttachedPolicy> attached = new ArrayList<>();
      if (rnd.nextInt(4) == 0) {
        IamModel.ManagedPolicy p = policies.get(rnd.nextInt(policies.size()));
        attached.add(new IamModel.AttachedPolicy(p.policyName(), p.arn()));
      }
      Map<String, String> inline = new LinkedHashMap<>();
      if (rnd.nextInt(5) == 0) {
        inline.put("inline-" + u.userName(), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:*:" + acct + ":*\"}]}");
      }
      List<IamModel.AccessKey> keys = new ArrayList<>();
      boolean programmatic = u.loginProfile() == null;
      int keyCount = programmatic ? 1 + (rnd.nextInt(4) == 0 ? 1 : 0) : (rnd.nextInt(3) == 0 ? 1 : 0);
      for (int k = 0; k < keyCount; k++) {
        keys.add(accessKey(rnd.nextDouble() < m));
      }
      estate.putUserExtras(acct, u.userName(), new IamModel.UserExtras(keys, attached, inline, memberOf));
    }

    String mgmt = EstateGenerator.MANAGEMENT_ACCOUNT_ID;
    estate.putRole(role(acct, "DriftwatchReadOnly", "Driftwatch collector (read-only)",
        trust("{\"AWS\":\"arn:aws:iam::" + mgmt + ":root\"}"), List.of(
            new IamModel.AttachedPolicy("SecurityAudit", SECURITY_AUDIT))));
    if (!acct.equals(mgmt)) {
      estate.putRole(role(acct, "OrganizationAccountAccessRole", null, trust("{\"AWS\":\"arn:aws:iam::" + mgmt + ":root\"}"),
          List.of(new IamModel.AttachedPolicy("AdministratorAccess", ADMIN))));
    }
    Set<String> appRoles = new LinkedHashSet<>();
    for (String region : config.regions()) {
      for (Instance i : estate.instances(acct, region)) {
        if (i.instanceProfile() != null) {
          appRoles.add(i.instanceProfile().arn().substring(i.instanceProfile().arn().lastIndexOf('/') + 1));
        }
      }
    }
    for (String name : appRoles) {
      estate.putRole(role(acct, name, "Instance role of " + name, trust("{\"Service\":\"ec2.amazonaws.com\"}"),
          List.of(new IamModel.AttachedPolicy(policies.get(0).policyName(), policies.get(0).arn()))));
    }
    if (rnd.nextDouble() < m * 0.5) {
      estate.putRole(role(acct, "vendor-access", "Third-party support", trust("{\"AWS\":\"*\"}"),
          List.of(new IamModel.AttachedPolicy("ReadOnlyAccess", READ_ONLY))));
    }
  }

  private IamModel.AccessKey accessKey(boolean stale) {
    String id = newUpperId("AKIA", 16);
    boolean active = rnd.nextInt(8) != 0;
    if (stale) {
      Instant created = now.minus(Duration.ofDays(150 + rnd.nextInt(800)));
      Instant last = rnd.nextBoolean() ? null : created.plus(Duration.ofDays(1 + rnd.nextInt(30)));
      return new IamModel.AccessKey(id, "Active", created, last, last == null ? null : "s3", last == null ? null : "us-east-1");
    }
    Instant created = now.minus(Duration.ofDays(5 + rnd.nextInt(700)));
    Instant last = now.minus(Duration.ofHours(1 + rnd.nextInt(72)));
    return new IamModel.AccessKey(id, active ? "Active" : "Inactive", created, last, active ? "ec2" : null,
        active ? config.regions().get(0) : null);
  }

  private IamModel.ManagedPolicy managed(String acct, String name, String description, String document) {
    Instant created = past(100, 1200);
    int version = 1 + rnd.nextInt(4);
    return new IamModel.ManagedPolicy(acct, name, newUpperId("ANPA", 17), "/", created,
        created.plus(Duration.ofDays(rnd.nextInt(90))), "v" + version, document, 1 + rnd.nextInt(3), description);
  }

  private IamModel.Role role(String acct, String name, String description, String trust, List<IamModel.AttachedPolicy> attached) {
    Map<String, String> inline = rnd.nextInt(4) == 0
        ? Map.of("cloudwatch-put", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudwatch:PutMetricData\",\"Resource\":\"*\"}]}")
        : Map.of();
    return new IamModel.Role(acct, name, newUpperId("AROA", 17), "/", past(100, 1500), description, trust, attached, inline, 3600);
  }

  private static String trust(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
        + ",\"Action\":\"sts:AssumeRole\"}]}";
  }

  // --- S3 and CloudTrail ---

  /** Returns the name of the account's CloudTrail bucket. */
  private String storage(Estate estate, Account a) {
    String acct = a.id();
    List<String> regions = config.regions();
    String trailBucket = "cloudtrail-" + acct;
    estate.putBucket(acct, new StorageModel.Bucket(trailBucket, regions.get(0), past(300, 1500), "AES256", null,
        new StorageModel.PublicAccessBlock(true, true, true, true), tlsOnlyPolicy(trailBucket), "Enabled", null, null,
        Map.of("Purpose", "audit")));
    List<String> purposes = new ArrayList<>(List.of(BUCKET_PURPOSES));
    int count = 1 + rnd.nextInt(4);
    String logsBucket = null;
    for (int i = 0; i < count; i++) {
      String purpose = purposes.remove(rnd.nextInt(purposes.size()));
      String name = a.name() + "-" + purpose + "-" + acct;
      String region = regions.get(rnd.nextInt(regions.size()));
      String sse = rnd.nextDouble() < m ? null : rnd.nextBoolean() ? "AES256" : "aws:kms";
      String kms = "aws:kms".equals(sse) ? "arn:aws:kms:" + region + ":" + acct + ":key/" + uuid() : null;
      StorageModel.PublicAccessBlock pab = rnd.nextDouble() < m
          ? (rnd.nextBoolean() ? null : new StorageModel.PublicAccessBlock(true, true, false, false))
          : new StorageModel.PublicAccessBlock(true, true, true, true);
      String policy = rnd.nextDouble() < m ? (rnd.nextBoolean() ? null : readPolicy(name)) : tlsOnlyPolicy(name);
      int v = rnd.nextInt(10);
      String versioning = v < 5 ? "Enabled" : v == 5 ? "Suspended" : null;
      boolean logged = logsBucket != null && rnd.nextBoolean();
      estate.putBucket(acct, new StorageModel.Bucket(name, region, past(10, 1500), sse, kms, pab, policy, versioning,
          logged ? logsBucket : null, logged ? name + "/" : null, Map.of("Team", TEAMS[rnd.nextInt(TEAMS.length)])));
      if (purpose.equals("logs")) {
        logsBucket = name;
      }
    }
    return trailBucket;
  }

  private static String tlsOnlyPolicy(String bucket) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\","
        + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket
        + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
  }

  private static String readPolicy(String bucket) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
  }

  private void trails(Estate estate, Account a, String bucket) {
    String acct = a.id();
    String home = config.regions().get(0);
    if (!(rnd.nextDouble() < m)) {
      boolean kms = rnd.nextBoolean();
      boolean cw = rnd.nextBoolean();
      estate.putTrail(new StorageModel.Trail(acct, "org-audit", home, bucket, true, true, true,
          kms ? "arn:aws:kms:" + home + ":" + acct + ":key/" + uuid() : null,
          cw ? "arn:aws:logs:" + home + ":" + acct + ":log-group:cloudtrail/org-audit:*" : null,
          cw ? "arn:aws:iam::" + acct + ":role/CloudTrail_CloudWatchLogs_Role" : null, true, false));
    } else if (rnd.nextBoolean()) {
      estate.putTrail(new StorageModel.Trail(acct, "legacy-trail", home, bucket, false, true, rnd.nextBoolean(),
          null, null, null, rnd.nextBoolean(), false));
    }
    if (config.regions().size() > 1 && rnd.nextInt(4) == 0) {
      String region = config.regions().get(1);
      estate.putTrail(new StorageModel.Trail(acct, "data-events-" + region, region, bucket, false, false, false,
          null, null, null, true, false));
    }
  }

  // --- VPC networking and EBS ---

  private void network(Estate estate, String acct, String region) {
    String vpcId = estate.defaultVpcId(acct, region).orElseThrow();
    estate.putVpcDetails(acct, region, new NetworkModel.Vpc(vpcId, "172.31.0.0/16", true, newId("dopt-"), Map.of()));
    String[] subnets = subnetIds.get(acct + "/" + region);
    for (int az = 0; az < subnets.length; az++) {
      estate.putSubnet(acct, region, new NetworkModel.Subnet(subnets[az], vpcId, "172.31." + (16 * az) + ".0/20",
          region + "abc".charAt(az), 4000 + rnd.nextInt(91), true, rnd.nextDouble() < m, Map.of()));
    }
    List<NetworkModel.AclEntry> allowAll = List.of(
        new NetworkModel.AclEntry(100, "-1", false, "0.0.0.0/0", "allow", null, null),
        new NetworkModel.AclEntry(32767, "-1", false, "0.0.0.0/0", "deny", null, null),
        new NetworkModel.AclEntry(100, "-1", true, "0.0.0.0/0", "allow", null, null),
        new NetworkModel.AclEntry(32767, "-1", true, "0.0.0.0/0", "deny", null, null));
    boolean custom = rnd.nextInt(3) == 0;
    List<String> defaultSubnets = custom ? List.of(subnets[0], subnets[1]) : List.of(subnets);
    estate.putNetworkAcl(acct, region, new NetworkModel.NetworkAcl(newId("acl-"), vpcId, true, allowAll, defaultSubnets, Map.of()));
    if (custom) {
      estate.putNetworkAcl(acct, region, new NetworkModel.NetworkAcl(newId("acl-"), vpcId, false, List.of(
          new NetworkModel.AclEntry(100, "6", false, "0.0.0.0/0", "allow", 443, 443),
          new NetworkModel.AclEntry(110, "6", false, "10.0.0.0/8", "allow", 22, 22),
          new NetworkModel.AclEntry(120, "6", false, "0.0.0.0/0", "allow", 1024, 65535),
          new NetworkModel.AclEntry(32767, "-1", false, "0.0.0.0/0", "deny", null, null),
          new NetworkModel.AclEntry(100, "-1", true, "0.0.0.0/0", "allow", null, null),
          new NetworkModel.AclEntry(32767, "-1", true, "0.0.0.0/0", "deny", null, null)),
          List.of(subnets[2]), Map.of("Name", "restricted")));
    }

    boolean ebsDefault = !(rnd.nextDouble() < m);
    estate.putEbsEncryptionByDefault(acct, region, ebsDefault);
    List<NetworkModel.Volume> volumes = new ArrayList<>();
    for (Instance i : estate.instances(acct, region)) {
      boolean encrypted = ebsDefault || !(rnd.nextDouble() < m);
      volumes.add(new NetworkModel.Volume(newId("vol-"), i.availabilityZone(), 8 + rnd.nextInt(93), "gp3", encrypted,
          encrypted ? "arn:aws:kms:" + region + ":" + acct + ":key/" + uuid() : null, i.launchTime(), i.instanceId(),
          "/dev/xvda", null, Map.of()));
      String userData = null;
      int kind = rnd.nextInt(10);
      if (rnd.nextDouble() < m * 0.5) {
        userData = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=" + newUpperId("AKIA", 16) + "\nexport AWS_SECRET_ACCESS_KEY="
            + randomChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40)
            + "\naws s3 cp s3://deploy/app.tar.gz /opt/app.tar.gz\n";
      } else if (kind < 5) {
        userData = "#!/bin/bash\nyum install -y amazon-cloudwatch-agent\nsystemctl enable --now app\n";
      }
      estate.putInstanceSettings(acct, region, i.instanceId(), new NetworkModel.InstanceSettings(rnd.nextInt(5) < 2, userData));
    }
    int spare = rnd.nextInt(3);
    for (int v = 0; v < spare; v++) {
      boolean encrypted = ebsDefault || !(rnd.nextDouble() < m);
      volumes.add(new NetworkModel.Volume(newId("vol-"), region + "abc".charAt(rnd.nextInt(3)), 20 + rnd.nextInt(480),
          rnd.nextBoolean() ? "gp3" : "st1", encrypted,
          encrypted ? "arn:aws:kms:" + region + ":" + acct + ":key/" + uuid() : null, past(1, 600), null, null, null,
          Map.of("Name", "scratch-" + (v + 1))));
    }
    volumes.forEach(v -> estate.putVolume(acct, region, v));
    int snapshots = rnd.nextInt(4);
    for (int s = 0; s < snapshots && !volumes.isEmpty(); s++) {
      NetworkModel.Volume source = volumes.get(rnd.nextInt(volumes.size()));
      estate.putSnapshot(acct, region, new NetworkModel.Snapshot(newId("snap-"), source.volumeId(), source.sizeGiB(),
          source.encrypted(), source.kmsKeyId(), past(1, 400), "backup of " + source.volumeId(),
          rnd.nextDouble() < m * 0.5, Map.of()));
    }
  }

  // --- ids and time ---

  private Instant past(int minDays, int maxDays) {
    return EPOCH.minus(Duration.ofDays(minDays + rnd.nextInt(maxDays - minDays + 1))).minusSeconds(rnd.nextInt(86_400));
  }

  private String uuid() {
    String h = randomChars("0123456789abcdef", 32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
  }

  private String newId(String prefix) {
    String id;
    do {
      id = prefix + randomChars("0123456789abcdef", 17);
    } while (!usedIds.add(id));
    return id;
  }

  private String newUpperId(String prefix, int length) {
    String id;
    do {
      id = prefix + randomChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);
    } while (!usedIds.add(id));
    return id;
  }

  private String randomChars(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
