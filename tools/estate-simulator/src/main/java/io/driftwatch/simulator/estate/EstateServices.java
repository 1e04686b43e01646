package io.driftwatch.simulator.estate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The third generator pass: RDS, Redshift, Glacier, ACM, KMS, ELBv2, SSM, Direct Connect and the
 * AWS Config recorder. Its own {@link Random} keeps the first two passes exactly as they were.
 * Certificate validity and patch scan times are anchored at generation time (an "expiring" certificate
 * stays expiring however late the simulator starts); structure and ids are a pure function of the seed.
 */
final class EstateServices {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] APPS = {"orders", "ledger", "catalog", "sessions", "reporting", "inventory"};
  private static final String[] DX_LOCATIONS = {"EqDC2", "EqLD5", "TCSH", "CSVA1"};
  /** ELBv2 predefined policies; the first two still accept TLS 1.0. */
  static final List<String> OLD_TLS_POLICIES = List.of("ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-0-2015-04");
  private static final String MODERN_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  private static final String DEFAULT_REDSHIFT_GROUP = "default.redshift-1.0";

  private final EstateGenerator.Config config;
  private final Random rnd;
  private final Set<String> usedIds;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
  private final double m;

  EstateServices(EstateGenerator.Config config, Random rnd, Set<String> usedIds) {
    this.config = config;
    this.rnd = rnd;
    this.usedIds = usedIds;
    this.m = config.misconfigurationRate();
  }

  void populate(Estate estate) {
    for (Account a : estate.accounts()) {
      if (!a.active()) {
        continue;
      }
      boolean dxAccount = rnd.nextInt(4) == 0;
      for (int r = 0; r < config.regions().size(); r++) {
        String region = config.regions().get(r);
        estate.putServices(a.id(), region, regional(estate, a, region, dxAccount && r == 0));
      }
    }
  }

  private boolean planted() {
    return rnd.nextDouble() < m;
  }

  private ServicesModel.Regional regional(Estate estate, Account a, String region, boolean dx) {
    String acct = a.id();
    List<ServicesModel.KmsKey> keys = keys(acct, region);
    String customerKey = keys.stream().filter(k -> k.keyManager().equals("CUSTOMER") && k.enabled())
        .map(ServicesModel.KmsKey::arn).findFirst().orElse(null);
    String rdsKey = keys.stream().filter(k -> "alias/aws/rds".equals(k.alias())).map(ServicesModel.KmsKey::arn)
        .findFirst().orElseThrow();
    String sg = estate.securityGroups(acct, region).stream().map(SecurityGroup::groupId).findFirst().orElse(null);
    String vpcId = estate.defaultVpcId(acct, region).orElseThrow();
    List<String> subnets = estate.subnets(acct, region).stream().map(NetworkModel.Subnet::subnetId).toList();

    // --- RDS ---
    List<ServicesModel.DbInstance> instances = new ArrayList<>();
    List<ServicesModel.DbSnapshot> snapshots = new ArrayList<>();
    List<ServicesModel.DbCluster> clusters = new ArrayList<>();
    int dbCount = rnd.nextInt(3);
    for (int i = 0; i < dbCount; i++) {
      String app = APPS[rnd.nextInt(APPS.length)];
      String id = app + "-db-" + (i + 1);
      boolean encrypted = !planted();
      String key = encrypted ? (customerKey != null && rnd.nextBoolean() ? customerKey : rdsKey) : null;
      boolean postgres = rnd.nextBoolean();
      String engine = postgres ? "postgres" : "mysql";
      String version = postgres ? "16." + (1 + rnd.nextInt(4)) : "8.0." + (35 + rnd.nextInt(5));
      Instant created = past(30, 900);
      String az = region + "abc".charAt(rnd.nextInt(3));
      boolean replica = rnd.nextInt(3) == 0;
      String replicaId = replica ? id + "-replica" : null;
      String dbi = "db-" + upperId(26);
      instances.add(new ServicesModel.DbInstance(id, dbi, engine, version, "db.t3.medium", 20 + 10 * rnd.nextInt(10),
          encrypted, key, rnd.nextDouble() < m * 0.5, rnd.nextBoolean(), null,
          replica ? List.of(replicaId) : List.of(), null, az, created, 1 + rnd.nextInt(14), rnd.nextBoolean(), sg,
          Map.of("App", app)));
      if (replica) {
        // A replica of an encrypted instance is encrypted with the same key: AWS allows nothing else.
        instances.add(new ServicesModel.DbInstance(replicaId, "db-" + upperId(26), engine, version, "db.t3.medium",
            20, encrypted, key, false, false, id, List.of(), null, region + "abc".charAt(rnd.nextInt(3)),
            created.plus(Duration.ofDays(1 + rnd.nextInt(20))), 0, false, sg, Map.of("App", app)));
      }
      // Snapshots inherit the instance's encryption; only manual ones can be shared or public.
      Instant auto = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
      snapshots.add(new ServicesModel.DbSnapshot("rds:" + id + "-" + auto.toString().substring(0, 10) + "-03-10", id,
          dbi, engine, version, 20, "automated", encrypted, key, auto.plus(Duration.ofMinutes(190)), az, false, List.of()));
      if (rnd.nextBoolean()) {
        boolean publicRestore = rnd.nextDouble() < m * 0.5;
        List<String> shared = rnd.nextInt(4) == 0 ? List.of(EstateGenerator.MANAGEMENT_ACCOUNT_ID) : List.of();
        snapshots.add(new ServicesModel.DbSnapshot(id + "-before-upgrade", id, dbi, engine, version, 20, "manual",
            encrypted, key, past(1, 200), az, publicRestore, acct.equals(EstateGenerator.MANAGEMENT_ACCOUNT_ID)
            ? List.of() : shared));
      }
    }
    if (rnd.nextInt(3) == 0) {
      String app = APPS[rnd.nextInt(APPS.length)];
      String id = app + "-aurora";
      boolean encrypted = !planted();
      String key = encrypted ? rdsKey : null;
      Instant created = past(30, 700);
      List<String> members = List.of(id + "-instance-1", id + "-instance-2");
      clusters.add(new ServicesModel.DbCluster(id, "cluster-" + upperId(26), "aurora-postgresql", "16.4", encrypted, key,
          members, created, 7, true, Map.of("App", app)));
      for (String member : members) {
        instances.add(new ServicesModel.DbInstance(member, "db-" + upperId(26), "aurora-postgresql", "16.4",
            "db.r6g.large", 1, encrypted, key, false, false, null, List.of(), id, region + "abc".charAt(rnd.nextInt(3)),
            created, 7, false, sg, Map.of("App", app)));
      }
    }

    // --- Redshift ---
    List<ServicesModel.RedshiftCluster> redshift = new ArrayList<>();
    Map<String, Boolean> requireSsl = new LinkedHashMap<>();
    requireSsl.put(DEFAULT_REDSHIFT_GROUP, false); // AWS's default group: require_ssl false
    if (rnd.nextInt(3) == 0) {
      boolean hardened = !planted();
      String group = hardened ? "analytics-tls" : DEFAULT_REDSHIFT_GROUP;
      if (hardened) {
        requireSsl.put(group, true);
      }
      boolean encrypted = !planted();
      redshift.add(new ServicesModel.RedshiftCluster("analytics-" + acct.substring(8), rnd.nextBoolean() ? "ra3.xlplus" : "dc2.large",
          1 + rnd.nextInt(4), encrypted, encrypted ? (customerKey != null ? customerKey : rdsKey) : null,
          rnd.nextDouble() < m * 0.5, group, vpcId, region + "a", "analytics", "awsuser", past(30, 900),
          rnd.nextBoolean(), Map.of("Team", "analytics")));
    }

    // --- Glacier ---
    List<ServicesModel.Vault> vaults = new ArrayList<>();
    int vaultCount = rnd.nextInt(3);
    for (int v = 0; v < vaultCount; v++) {
      String name = (v == 0 ? "compliance-archive" : "backup-archive-" + v);
      String arn = "arn:aws:glacier:" + region + ":" + acct + ":vaults/" + name;
      String policy = null;
      int kind = rnd.nextInt(3);
      if (rnd.nextDouble() < m * 0.5) {
        policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"public-read\",\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":[\"glacier:InitiateJob\",\"glacier:GetJobOutput\"],\"Resource\":\"" + arn + "\"}]}";
      } else if (kind == 0) {
        policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"deny-delete\",\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"glacier:DeleteArchive\",\"Resource\":\"" + arn + "\"}]}";
      }
      boolean locked = v == 0 && rnd.nextBoolean();
      String lock = locked ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"retain-365-days\",\"Effect\":\"Deny\","
          + "\"Principal\":\"*\",\"Action\":\"glacier:DeleteArchive\",\"Resource\":\"" + arn + "\",\"Condition\":"
          + "{\"NumericLessThanEquals\":{\"glacier:ArchiveAgeInDays\":\"365\"}}}]}" : null;
      Instant created = past(60, 1500);
      long archives = rnd.nextInt(5000);
      vaults.add(new ServicesModel.Vault(name, created, archives, archives * (1_000_000L + rnd.nextInt(50_000_000)),
          policy, lock, locked ? "Locked" : null, locked ? created.plus(Duration.ofDays(2)) : null,
          Map.of("Retention", locked ? "365d" : "none")));
    }

    // --- ACM and ELBv2 ---
    List<ServicesModel.Certificate> certs = new ArrayList<>();
    List<ServicesModel.LoadBalancer> lbs = new ArrayList<>();
    int lbCount = rnd.nextInt(3);
    String domain = a.name().replaceAll("[^a-z0-9-]", "") + ".example.com";
    for (int l = 0; l < lbCount; l++) {
      String app = APPS[rnd.nextInt(APPS.length)];
      boolean internetFacing = rnd.nextBoolean();
      boolean network = rnd.nextInt(4) == 0;
      String lbName = app + "-" + (network ? "nlb" : "alb") + "-" + (l + 1);
      String lbArn = "arn:aws:elasticloadbalancing:" + region + ":" + acct + ":loadbalancer/" + (network ? "net/" : "app/")
          + lbName + "/" + hexId(16);
      ServicesModel.Certificate cert = certificate(acct, region, app + "." + domain, List.of(lbArn));
      certs.add(cert);
      List<ServicesModel.Listener> listeners = new ArrayList<>();
      String tlsPolicy = rnd.nextDouble() < m ? OLD_TLS_POLICIES.get(rnd.nextInt(2)) : MODERN_TLS_POLICY;
      String base = lbArn.replace(":loadbalancer/", ":listener/");
      listeners.add(new ServicesModel.Listener(base + "/" + hexId(16), 443, network ? "TLS" : "HTTPS", tlsPolicy,
          cert.arn(), "forward", null));
      if (!network) {
        boolean plainHttp = planted();
        listeners.add(new ServicesModel.Listener(base + "/" + hexId(16), 80, "HTTP", null, null,
            plainHttp ? "forward" : "redirect", plainHttp ? null : "HTTPS"));
      }
      lbs.add(new ServicesModel.LoadBalancer(lbArn, lbName, network ? "network" : "application",
          internetFacing ? "internet-facing" : "internal", vpcId, subnets.subList(0, Math.min(2, subnets.size())),
          List.of(region + "a", region + "b"), network || sg == null ? List.of() : List.of(sg), past(10, 800), listeners));
    }
    int spareCerts = rnd.nextInt(3);
    for (int c = 0; c < spareCerts; c++) {
      certs.add(certificate(acct, region, (c == 0 ? "www." : "legacy" + c + ".") + domain, List.of()));
    }

    // --- SSM ---
    List<ServicesModel.ManagedInstance> managed = new ArrayList<>();
    for (Instance i : estate.instances(acct, region)) {
      if (i.instanceProfile() == null && rnd.nextInt(3) != 0) {
        continue; // no role, no agent registration (mostly)
      }
      boolean online = rnd.nextInt(6) != 0;
      ServicesModel.PatchState patch = rnd.nextInt(8) == 0 ? null : patchState(planted());
      managed.add(new ServicesModel.ManagedInstance(i.instanceId(), online ? "Online" : "ConnectionLost",
          online ? now.minus(Duration.ofMinutes(1 + rnd.nextInt(10))) : now.minus(Duration.ofDays(2 + rnd.nextInt(20))),
          "3.3." + (900 + rnd.nextInt(400)) + ".0", rnd.nextBoolean(), "Linux", "Amazon Linux", "2023",
          "EC2Instance", i.privateIpAddress(), "ip-" + i.privateIpAddress().replace('.', '-') + "." + region + ".compute.internal",
          i.launchTime(), i.instanceProfile() == null ? null : i.instanceProfile().arn()
              .substring(i.instanceProfile().arn().lastIndexOf('/') + 1), patch));
    }
    if (dx) {
      // A hybrid (on-premises) server registered through an activation.
      String mi = "mi-" + hexId(17);
      managed.add(new ServicesModel.ManagedInstance(mi, "Online", now.minus(Duration.ofMinutes(3)), "3.3.1142.0", false,
          "Linux", "Ubuntu", "22.04", "ManagedInstance", "10.200.0." + (10 + rnd.nextInt(200)), "onprem-gw-1",
          past(100, 600), "SSMServiceRole", patchState(planted())));
    }

    // --- Direct Connect ---
    List<ServicesModel.DxConnection> connections = new ArrayList<>();
    List<ServicesModel.VirtualInterface> vifs = new ArrayList<>();
    if (dx) {
      int count = 1 + rnd.nextInt(2);
      for (int c = 0; c < count; c++) {
        String location = DX_LOCATIONS[rnd.nextInt(DX_LOCATIONS.length)];
        String conn = "dxcon-" + lowerId(8);
        boolean hosted = rnd.nextBoolean();
        connections.add(new ServicesModel.DxConnection(conn, "dc-link-" + (c + 1), c == 1 && rnd.nextBoolean() ? "down" : "available",
            location, hosted ? "500Mbps" : "10Gbps", hosted ? 100 + rnd.nextInt(900) : 0, hosted ? "Equinix" : null,
            location + "-" + lowerId(8), past(100, 900)));
        int vifCount = 1 + rnd.nextInt(2);
        for (int v = 0; v < vifCount; v++) {
          boolean privateVif = v == 0 || rnd.nextBoolean();
          int third = rnd.nextInt(250);
          vifs.add(new ServicesModel.VirtualInterface("dxvif-" + lowerId(8), conn, privateVif ? "private" : "public",
              (privateVif ? "private-" : "public-") + (c + 1) + "-" + (v + 1), 100 + rnd.nextInt(3900),
              64_512 + rnd.nextInt(1000), 64_512, "available", "169.254." + third + ".1/30", "169.254." + third + ".2/30",
              privateVif ? "vgw-" + hexId(17) : null, null, location));
        }
      }
    }

    // --- AWS Config recorder ---
    ServicesModel.ConfigRecorder recorder = null;
    if (!planted()) {
      recorder = new ServicesModel.ConfigRecorder("default", "arn:aws:iam::" + acct + ":role/aws-service-role/config.amazonaws.com/"
          + "AWSServiceRoleForConfig", true, region.equals(config.regions().get(0)), true, "SUCCESS", past(30, 600), null);
    } else if (rnd.nextBoolean()) {
      Instant start = past(100, 600);
      recorder = new ServicesModel.ConfigRecorder("default", "arn:aws:iam::" + acct + ":role/config-recorder", true, false,
          false, "SUCCESS", start, start.plus(Duration.ofDays(10 + rnd.nextInt(60))));
    }
    return new ServicesModel.Regional(instances, snapshots, clusters, redshift, requireSsl, vaults, certs, keys, lbs,
        managed, connections, vifs, recorder);
  }

  private List<ServicesModel.KmsKey> keys(String acct, String region) {
    List<ServicesModel.KmsKey> keys = new ArrayList<>();
    for (String service : List.of("rds", "s3", "ebs")) {
      keys.add(key(acct, region, "Default key that protects my " + service.toUpperCase() + " data when no other key is defined",
          "AWS", "Enabled", true, "alias/aws/" + service));
    }
    int customer = rnd.nextInt(4);
    for (int k = 0; k < customer; k++) {
      String app = APPS[rnd.nextInt(APPS.length)];
      String state = rnd.nextInt(6) == 0 ? "Disabled" : "Enabled";
      keys.add(key(acct, region, "Data key for " + app, "CUSTOMER", state, !planted(), "alias/" + app + "-" + (k + 1)));
    }
    return keys;
  }

  private ServicesModel.KmsKey key(String acct, String region, String description, String manager, String state,
                                   boolean rotation, String alias) {
    String id = uuid();
    return new ServicesModel.KmsKey(id, "arn:aws:kms:" + region + ":" + acct + ":key/" + id, description, manager, state,
        rotation, past(30, 1500), alias);
  }

  private ServicesModel.Certificate certificate(String acct, String region, String domain, List<String> inUseBy) {
    String arn = "arn:aws:acm:" + region + ":" + acct + ":certificate/" + uuid();
    Instant notAfter;
    int roll = rnd.nextInt(10);
    if (rnd.nextDouble() < m * 0.5) {
      notAfter = now.minus(Duration.ofDays(1 + rnd.nextInt(60))); // expired
    } else if (rnd.nextDouble() < m * 0.5) {
      notAfter = now.plus(Duration.ofDays(3 + rnd.nextInt(25))); // expiring within 30 days
    } else {
      notAfter = now.plus(Duration.ofDays(45 + rnd.nextInt(340)));
    }
    boolean imported = roll < 3;
    String algorithm = imported && rnd.nextDouble() < m ? "RSA_1024" : roll == 9 ? "EC_prime256v1" : "RSA_2048";
    Instant notBefore = notAfter.minus(Duration.ofDays(imported ? 365 : 395));
    String status = notAfter.isBefore(now) ? "EXPIRED" : "ISSUED";
    return new ServicesModel.Certificate(arn, domain, List.of(domain), imported ? "IMPORTED" : "AMAZON_ISSUED", status,
        algorithm, notBefore.minus(Duration.ofHours(1)), notBefore, notAfter, inUseBy, serial());
  }

  private ServicesModel.PatchState patchState(boolean nonCompliant) {
    int missing = nonCompliant ? 1 + rnd.nextInt(12) : 0;
    int failed = nonCompliant && rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
    Instant end = now.minus(Duration.ofHours(1 + rnd.nextInt(48)));
    return new ServicesModel.PatchState("pb-" + hexId(17), rnd.nextBoolean() ? "production" : null,
        200 + rnd.nextInt(300), rnd.nextInt(20), 0, missing, failed, rnd.nextInt(500), nonCompliant ? rnd.nextInt(missing + 1) : 0,
        nonCompliant ? missing : 0, rnd.nextBoolean() ? "Scan" : "Install", end.minus(Duration.ofMinutes(5 + rnd.nextInt(20))), end);
  }

  // --- ids and time ---

  private Instant past(int minDays, int maxDays) {
    return EPOCH.minus(Duration.ofDays(minDays + rnd.nextInt(maxDays - minDays + 1))).minusSeconds(rnd.nextInt(86_400));
  }

  private String uuid() {
    String h = chars("0123456789abcdef", 32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
  }

  private String serial() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append(i == 0 ? "" : ":").append(chars("0123456789abcdef", 2));
    }
    return b.toString();
  }

  private String hexId(int n) {
    return unique(() -> chars("0123456789abcdef", n));
  }

  private String lowerId(int n) {
    return unique(() -> chars("abcdefghijklmnopqrstuvwxyz0123456789", n));
  }

  private String upperId(int n) {
    return unique(() -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", n));
  }

  private String unique(java.util.function.Supplier<String> gen) {
    String id;
    do {
      id = gen.get();
    } while (!usedIds.add(id));
    return id;
  }

  private String chars(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
