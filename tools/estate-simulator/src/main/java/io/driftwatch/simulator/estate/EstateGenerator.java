package io.driftwatch.simulator.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds a synthetic organization from a seed. All randomness flows from one {@link Random} in a
 * fixed iteration order, so the same inputs always yield the same estate.
 */
public final class EstateGenerator {
  public static final String MANAGEMENT_ACCOUNT_ID = "100000000000";
  public static final String MANAGEMENT_USER_NAME = "driftwatch-admin";
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private static final String[] ENVS = {"prod", "staging", "dev", "sandbox", "shared", "qa"};
  private static final String[] TEAMS = {"payments", "identity", "search", "analytics", "platform", "billing",
      "catalog", "checkout", "logistics", "ml", "data", "mobile", "security", "logging", "network"};
  private static final String[] SG_NAMES = {"web-frontend", "bastion", "app-backend", "db-postgres", "monitoring",
      "batch-workers", "internal-alb", "cache-redis", "api-gateway", "kafka-brokers"};
  private static final String[] USER_NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
      "deploy-bot", "ci-runner", "backup-agent", "terraform"};
  private static final String[] INSTANCE_TYPES = {"t3.micro", "t3.medium", "m5.large", "m6i.xlarge", "c6g.large", "r5.large"};

  public record Config(long seed, int accountCount, int suspendedCount, List<String> regions, double misconfigurationRate) {}

  private final Random rnd;
  private final Config config;
  private final Set<String> usedIds = new HashSet<>();
  /** The three default-VPC subnet ids of each account/region, handed to the second pass. */
  private final Map<String, String[]> subnetIds = new LinkedHashMap<>();

  private EstateGenerator(Config config) {
    this.config = config;
    this.rnd = new Random(config.seed());
  }

  public static Estate generate(Config config) {
    return new EstateGenerator(config).build();
  }

  private Estate build() {
    Estate estate = new Estate(MANAGEMENT_ACCOUNT_ID, "o-" + randomChars("abcdefghijklmnopqrstuvwxyz0123456789", 10),
        config.regions());
    List<Account> accounts = accounts();
    for (Account a : accounts) {
      estate.putAccount(a);
    }
    boolean plantedSg = false;
    boolean plantedUser = false;
    for (Account a : accounts) {
      if (!a.active()) {
        continue; // suspended accounts cannot be read, so they hold nothing the truth set could miss
      }
      for (String region : config.regions()) {
        plantedSg |= region(estate, a.id(), region);
      }
      plantedUser |= users(estate, a.id());
    }
    ensurePlanted(estate, plantedSg, plantedUser);
    // Everything added later comes from a second, independently seeded pass: the accounts, groups,
    // instances and users above (and their misconfigurations) stay exactly what they always were.
    new EstateExtras(config, new Random(config.seed() * 0x9E3779B97F4A7C15L + 0x2545F491L), usedIds, subnetIds)
        .populate(estate);
    // A third pass, seeded apart again: data stores, certificates, keys, load balancers, SSM,
    // Direct Connect and the Config recorder leave the two passes above byte for byte unchanged.
    new EstateServices(config, new Random(config.seed() * 0x632BE59BD9B4E019L + 0x5851F42DL), usedIds).populate(estate);
    return estate;
  }

  private List<Account> accounts() {
    List<Account> out = new ArrayList<>();
    out.add(new Account(MANAGEMENT_ACCOUNT_ID, "management", "aws-management@example.com", Account.Status.ACTIVE,
        "INVITED", EPOCH.minus(Duration.ofDays(2000))));
    Set<String> names = new HashSet<>(List.of("management"));
    for (int i = 1; i < config.accountCount(); i++) {
      String id;
      do {
        id = Long.toString(rnd.nextLong(200_000_000_000L, 1_000_000_000_000L));
      } while (!usedIds.add(id));
      String name = pick(ENVS) + "-" + pick(TEAMS);
      if (!names.add(name)) {
        name = name + "-" + i;
        names.add(name);
      }
      out.add(new Account(id, name, "aws+" + name + "@example.com", Account.Status.ACTIVE, "CREATED",
          EPOCH.minus(Duration.ofDays(30 + rnd.nextInt(1800))).minusSeconds(rnd.nextInt(86_400))));
    }
    List<Integer> memberIdx = new ArrayList<>();
    for (int i = 1; i < out.size(); i++) {
      memberIdx.add(i);
    }
    for (int s = 0; s < config.suspendedCount(); s++) {
      int idx = memberIdx.remove(rnd.nextInt(memberIdx.size()));
      Account a = out.get(idx);
      out.set(idx, new Account(a.id(), a.name(), a.email(), Account.Status.SUSPENDED, a.joinedMethod(), a.joinedTimestamp()));
    }
    return out;
  }

  /** Returns true when it planted an open-SSH group. */
  private boolean region(Estate estate, String accountId, String region) {
    String vpcId = newId("vpc-");
    estate.putVpc(accountId, region, vpcId);
    String[] subnets = {newId("subnet-"), newId("subnet-"), newId("subnet-")};
    subnetIds.put(accountId + "/" + region, subnets);
    boolean planted = false;

    List<SecurityGroup> groups = new ArrayList<>();
    String defaultId = newId("sg-");
    groups.add(new SecurityGroup(defaultId, "default", "default VPC security group", vpcId, accountId, region,
        List.of(PermissionRule.group("-1", null, null, defaultId)), egressAll(), Map.of()));
    int count = 3 + rnd.nextInt(4);
    List<String> names = new ArrayList<>(List.of(SG_NAMES));
    for (int i = 1; i < count; i++) {
      String name = names.remove(rnd.nextInt(names.size()));
      String groupId = newId("sg-");
      List<PermissionRule> ingress = new ArrayList<>();
      int rules = 1 + rnd.nextInt(3);
      for (int r = 0; r < rules; r++) {
        PermissionRule rule = benignRule(groups.get(rnd.nextInt(groups.size())).groupId());
        if (ingress.stream().noneMatch(rule::sameRule)) {
          ingress.add(rule);
        }
      }
      if (rnd.nextDouble() < config.misconfigurationRate()) {
        ingress.add(openSsh(rnd.nextInt(4)));
        planted = true;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("Name", name);
      if (rnd.nextBoolean()) {
        tags.put("Team", pick(TEAMS));
      }
      groups.add(new SecurityGroup(groupId, name, rnd.nextBoolean() ? "Managed by Terraform" : name + " security group",
          vpcId, accountId, region, ingress, egressAll(), tags));
    }
    groups.forEach(g -> estate.putSecurityGroup(accountId, g));

    int instances = 2 + rnd.nextInt(5);
    for (int i = 0; i < instances; i++) {
      int az = rnd.nextInt(3);
      List<Instance.GroupRef> refs = new ArrayList<>();
      SecurityGroup first = groups.get(rnd.nextInt(groups.size()));
      refs.add(new Instance.GroupRef(first.groupId(), first.groupName()));
      if (rnd.nextBoolean()) {
        SecurityGroup second = groups.get(rnd.nextInt(groups.size()));
        if (!second.groupId().equals(first.groupId())) {
          refs.add(new Instance.GroupRef(second.groupId(), second.groupName()));
        }
      }
      String role = pick(TEAMS) + "-app";
      Instance.InstanceProfile profile = rnd.nextDouble() < 0.6
          ? new Instance.InstanceProfile("arn:aws:iam::" + accountId + ":instance-profile/" + role, newUpperId("AIPA"))
          : null;
      String instanceId = newId("i-");
      estate.putInstance(accountId, region, new Instance(instanceId, newId("r-"), newId("ami-"),
          rnd.nextDouble() < 0.85 ? "running" : "stopped", pick(INSTANCE_TYPES), region + "abc".charAt(az),
          "172.31." + (16 * az + rnd.nextInt(16)) + "." + (4 + rnd.nextInt(250)), subnets[az], vpcId, refs, profile,
          EPOCH.minus(Duration.ofMinutes(rnd.nextInt(400 * 24 * 60))), Map.of("Name", role + "-" + (i + 1)),
          rnd.nextDouble() < 0.7 ? "required" : "optional"));
    }
    return planted;
  }

  private PermissionRule benignRule(String otherGroupId) {
    return switch (rnd.nextInt(7)) {
      case 0 -> PermissionRule.cidr("tcp", 443, 443, "0.0.0.0/0");
      case 1 -> PermissionRule.cidr("tcp", 80, 80, "0.0.0.0/0");
      case 2 -> PermissionRule.cidr("tcp", 22, 22, "10.0.0.0/8");
      case 3 -> PermissionRule.group("tcp", 5432, 5432, otherGroupId);
      case 4 -> PermissionRule.cidr("tcp", 6379, 6379, "172.31.0.0/16");
      case 5 -> PermissionRule.cidr("tcp", 8080, 8090, "10.0.0.0/8");
      default -> PermissionRule.cidr("tcp", 443, 443, "::/0");
    };
  }

  /** The open-SSH variants a checker must all recognise. */
  private static PermissionRule openSsh(int variant) {
    return switch (variant) {
      case 0 -> PermissionRule.cidr("tcp", 22, 22, "0.0.0.0/0");
      case 1 -> PermissionRule.cidr("tcp", 0, 65535, "0.0.0.0/0");
      case 2 -> PermissionRule.cidr("-1", null, null, "0.0.0.0/0");
      default -> PermissionRule.cidr("tcp", 22, 22, "::/0");
    };
  }

  private static List<PermissionRule> egressAll() {
    return List.of(PermissionRule.cidr("-1", null, null, "0.0.0.0/0"));
  }

  /** Returns true when it planted a console user without MFA. */
  private boolean users(Estate estate, String accountId) {
    boolean planted = false;
    if (MANAGEMENT_ACCOUNT_ID.equals(accountId)) {
      // The principal behind the management access key; programmatic only.
      estate.putUser(new IamUser(accountId, MANAGEMENT_USER_NAME, newUpperId("AIDA"), "/", EPOCH.minus(Duration.ofDays(1500)),
          null, null, List.of()));
    }
    List<String> names = new ArrayList<>(List.of(USER_NAMES));
    int count = 2 + rnd.nextInt(4);
    for (int i = 0; i < count; i++) {
      String name = names.remove(rnd.nextInt(names.size()));
      Instant created = EPOCH.minus(Duration.ofDays(10 + rnd.nextInt(1500)));
      boolean misconfigured = rnd.nextDouble() < config.misconfigurationRate();
      boolean console = misconfigured || rnd.nextBoolean();
      IamUser.LoginProfile profile = console ? new IamUser.LoginProfile(created.plus(Duration.ofDays(1)), rnd.nextInt(10) == 0) : null;
      List<IamUser.MfaDevice> mfa = console && !misconfigured
          ? List.of(new IamUser.MfaDevice("arn:aws:iam::" + accountId + ":mfa/" + name, created.plus(Duration.ofDays(2))))
          : List.of();
      Instant lastUsed = console && rnd.nextDouble() < 0.7 ? EPOCH.minus(Duration.ofHours(rnd.nextInt(2000))) : null;
      estate.putUser(new IamUser(accountId, name, newUpperId("AIDA"), "/", created, lastUsed, profile, mfa));
      planted |= misconfigured;
    }
    return planted;
  }

  /** With a non-zero rate, guarantee at least one of each kind even in tiny estates. */
  private void ensurePlanted(Estate estate, boolean plantedSg, boolean plantedUser) {
    if (config.misconfigurationRate() <= 0) {
      return;
    }
    String first = MANAGEMENT_ACCOUNT_ID;
    if (!plantedSg) {
      String region = config.regions().get(0);
      SecurityGroup sg = estate.securityGroups(first, region).stream().filter(g -> !g.groupName().equals("default"))
          .findFirst().orElseThrow();
      List<PermissionRule> rules = new ArrayList<>(sg.ingress());
      rules.add(openSsh(0));
      estate.putSecurityGroup(first, sg.withIngress(rules));
    }
    if (!plantedUser) {
      IamUser u = estate.users(first).stream().filter(x -> !x.userName().equals(MANAGEMENT_USER_NAME)).findFirst().orElseThrow();
      estate.putUser(new IamUser(u.accountId(), u.userName(), u.userId(), u.path(), u.createDate(), u.passwordLastUsed(),
          new IamUser.LoginProfile(u.createDate(), false), List.of()));
    }
  }

  private String pick(String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private String newId(String prefix) {
    String id;
    do {
      id = prefix + randomChars("0123456789abcdef", 17);
    } while (!usedIds.add(id));
    return id;
  }

  private String newUpperId(String prefix) {
    String id;
    do {
      id = prefix + randomChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17);
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
}
