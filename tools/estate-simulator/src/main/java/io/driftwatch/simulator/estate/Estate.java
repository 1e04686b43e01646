package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The whole synthetic organization. One read/write lock guards it: AWS reads run concurrently,
 * admin mutations are exclusive, and every read returns immutable records.
 */
public final class Estate {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String managementAccountId;
  private final String organizationId;
  private final List<String> regions;
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, AccountResources> resources = new LinkedHashMap<>();

  private static final class AccountResources {
    final Map<String, RegionResources> regions = new LinkedHashMap<>();
    final TreeMap<String, IamUser> users = new TreeMap<>();
    final Map<String, IamModel.UserExtras> userExtras = new HashMap<>();
    final TreeMap<String, IamModel.Role> roles = new TreeMap<>();
    final TreeMap<String, IamModel.ManagedPolicy> policies = new TreeMap<>();
    final TreeMap<String, IamModel.Group> groups = new TreeMap<>();
    IamModel.AccountSettings iamSettings = new IamModel.AccountSettings(true, false, null);
    final TreeMap<String, StorageModel.Bucket> buckets = new TreeMap<>();
    final TreeMap<String, StorageModel.Trail> trails = new TreeMap<>();
    /** Objects by bucket, then key. */
    final Map<String, TreeMap<String, StorageModel.S3Object>> objects = new HashMap<>();
  }

  private static final class RegionResources {
    final String vpcId;
    final TreeMap<String, SecurityGroup> securityGroups = new TreeMap<>();
    final TreeMap<String, Instance> instances = new TreeMap<>();
    final TreeMap<String, NetworkModel.Vpc> vpcs = new TreeMap<>();
    final TreeMap<String, NetworkModel.Subnet> subnets = new TreeMap<>();
    final TreeMap<String, NetworkModel.NetworkAcl> networkAcls = new TreeMap<>();
    final TreeMap<String, NetworkModel.Volume> volumes = new TreeMap<>();
    final TreeMap<String, NetworkModel.Snapshot> snapshots = new TreeMap<>();
    final Map<String, NetworkModel.InstanceSettings> instanceSettings = new HashMap<>();
    boolean ebsEncryptionByDefault;
    ServicesModel.Regional services = ServicesModel.Regional.EMPTY;

    RegionResources(String vpcId) {
      this.vpcId = vpcId;
    }
  }

  Estate(String managementAccountId, String organizationId, List<String> regions) {
    this.managementAccountId = managementAccountId;
    this.organizationId = organizationId;
    this.regions = List.copyOf(regions);
  }

  // --- population, used by the generator before the estate is shared ---

  void putAccount(Account account) {
    accounts.put(account.id(), account);
    resources.put(account.id(), new AccountResources());
  }

  void putVpc(String accountId, String region, String vpcId) {
    resources.get(accountId).regions.put(region, new RegionResources(vpcId));
  }

  void putSecurityGroup(String accountId, SecurityGroup sg) {
    resources.get(accountId).regions.get(sg.region()).securityGroups.put(sg.groupId(), sg);
  }

  void putInstance(String accountId, String region, Instance instance) {
    resources.get(accountId).regions.get(region).instances.put(instance.instanceId(), instance);
  }

  void putUser(IamUser user) {
    resources.get(user.accountId()).users.put(user.userName(), user);
  }

  void putUserExtras(String accountId, String userName, IamModel.UserExtras extras) {
    resources.get(accountId).userExtras.put(userName, extras);
  }

  void putRole(IamModel.Role role) {
    resources.get(role.accountId()).roles.put(role.roleName(), role);
  }

  void putPolicy(IamModel.ManagedPolicy policy) {
    resources.get(policy.accountId()).policies.put(policy.policyName(), policy);
  }

  void putGroup(IamModel.Group group) {
    resources.get(group.accountId()).groups.put(group.groupName(), group);
  }

  void putIamSettings(String accountId, IamModel.AccountSettings settings) {
    resources.get(accountId).iamSettings = settings;
  }

  void putBucket(String accountId, StorageModel.Bucket bucket) {
    resources.get(accountId).buckets.put(bucket.name(), bucket);
  }

  void putTrail(StorageModel.Trail trail) {
    resources.get(trail.accountId()).trails.put(trail.name(), trail);
  }

  void putVpcDetails(String accountId, String region, NetworkModel.Vpc vpc) {
    resources.get(accountId).regions.get(region).vpcs.put(vpc.vpcId(), vpc);
  }

  void putSubnet(String accountId, String region, NetworkModel.Subnet subnet) {
    resources.get(accountId).regions.get(region).subnets.put(subnet.subnetId(), subnet);
  }

  void putNetworkAcl(String accountId, String region, NetworkModel.NetworkAcl acl) {
    resources.get(accountId).regions.get(region).networkAcls.put(acl.networkAclId(), acl);
  }

  void putVolume(String accountId, String region, NetworkModel.Volume volume) {
    resources.get(accountId).regions.get(region).volumes.put(volume.volumeId(), volume);
  }

  void putSnapshot(String accountId, String region, NetworkModel.Snapshot snapshot) {
    resources.get(accountId).regions.get(region).snapshots.put(snapshot.snapshotId(), snapshot);
  }

  void putInstanceSettings(String accountId, String region, String instanceId, NetworkModel.InstanceSettings settings) {
    resources.get(accountId).regions.get(region).instanceSettings.put(instanceId, settings);
  }

  void putEbsEncryptionByDefault(String accountId, String region, boolean enabled) {
    resources.get(accountId).regions.get(region).ebsEncryptionByDefault = enabled;
  }

  void putServices(String accountId, String region, ServicesModel.Regional services) {
    resources.get(accountId).regions.get(region).services = services;
  }

  // --- reads ---

  /** RDS, Redshift, Glacier, ACM, KMS, ELBv2, SSM, Direct Connect and Config of one account and region. */
  public ServicesModel.Regional services(String accountId, String region) {
    return read(() -> {
      RegionResources r = regionOrNull(accountId, region);
      return r == null ? ServicesModel.Regional.EMPTY : r.services;
    });
  }

  /** Access keys, policies and groups of a user; empty extras for users created through the admin API. */
  public IamModel.UserExtras userExtras(String accountId, String userName) {
    return read(() -> {
      AccountResources a = resources.get(accountId);
      return a == null ? IamModel.UserExtras.NONE : a.userExtras.getOrDefault(userName, IamModel.UserExtras.NONE);
    });
  }

  public List<IamModel.Role> roles(String accountId) {
    return read(() -> accountOrEmpty(accountId, a -> a.roles.values()));
  }

  public List<IamModel.ManagedPolicy> policies(String accountId) {
    return read(() -> accountOrEmpty(accountId, a -> a.policies.values()));
  }

  public List<IamModel.Group> groups(String accountId) {
    return read(() -> accountOrEmpty(accountId, a -> a.groups.values()));
  }

  public IamModel.AccountSettings iamSettings(String accountId) {
    return read(() -> {
      AccountResources a = resources.get(accountId);
      return a == null ? new IamModel.AccountSettings(false, false, null) : a.iamSettings;
    });
  }

  /** Every bucket of the account, all regions, sorted by name. */
  public List<StorageModel.Bucket> buckets(String accountId) {
    return read(() -> accountOrEmpty(accountId, a -> a.buckets.values()));
  }

  public List<StorageModel.Trail> trails(String accountId) {
    return read(() -> accountOrEmpty(accountId, a -> a.trails.values()));
  }

  public List<NetworkModel.Vpc> vpcs(String accountId, String region) {
    return read(() -> regionOrEmpty(accountId, region, r -> r.vpcs.values()));
  }

  public List<NetworkModel.Subnet> subnets(String accountId, String region) {
    return read(() -> regionOrEmpty(accountId, region, r -> r.subnets.values()));
  }

  public List<NetworkModel.NetworkAcl> networkAcls(String accountId, String region) {
    return read(() -> regionOrEmpty(accountId, region, r -> r.networkAcls.values()));
  }

  public List<NetworkModel.Volume> volumes(String accountId, String region) {
    return read(() -> regionOrEmpty(accountId, region, r -> r.volumes.values()));
  }

  public List<NetworkModel.Snapshot> snapshots(String accountId, String region) {
    return read(() -> regionOrEmpty(accountId, region, r -> r.snapshots.values()));
  }

  public NetworkModel.InstanceSettings instanceSettings(String accountId, String region, String instanceId) {
    return read(() -> {
      RegionResources r = regionOrNull(accountId, region);
      return r == null ? NetworkModel.InstanceSettings.NONE
          : r.instanceSettings.getOrDefault(instanceId, NetworkModel.InstanceSettings.NONE);
    });
  }

  public boolean ebsEncryptionByDefault(String accountId, String region) {
    return read(() -> {
      RegionResources r = regionOrNull(accountId, region);
      return r != null && r.ebsEncryptionByDefault;
    });
  }

  private <T> List<T> accountOrEmpty(String accountId, java.util.function.Function<AccountResources, java.util.Collection<T>> f) {
    AccountResources a = resources.get(accountId);
    return a == null ? List.of() : List.copyOf(f.apply(a));
  }

  private <T> List<T> regionOrEmpty(String accountId, String region,
                                    java.util.function.Function<RegionResources, java.util.Collection<T>> f) {
    RegionResources r = regionOrNull(accountId, region);
    return r == null ? List.of() : List.copyOf(f.apply(r));
  }

  public String managementAccountId() {
    return managementAccountId;
  }

  public String organizationId() {
    return organizationId;
  }

  public List<String> regions() {
    return regions;
  }

  public List<Account> accounts() {
    return read(() -> List.copyOf(accounts.values()));
  }

  public Optional<Account> account(String id) {
    return read(() -> Optional.ofNullable(accounts.get(id)));
  }

  /** Security groups of an account in a region, sorted by id; empty where the account has none. */
  public List<SecurityGroup> securityGroups(String accountId, String region) {
    return read(() -> {
      RegionResources r = regionOrNull(accountId, region);
      return r == null ? List.of() : List.copyOf(r.securityGroups.values());
    });
  }

  public List<Instance> instances(String accountId, String region) {
    return read(() -> {
      RegionResources r = regionOrNull(accountId, region);
      return r == null ? List.of() : List.copyOf(r.instances.values());
    });
  }

  public Optional<String> defaultVpcId(String accountId, String region) {
    return read(() -> Optional.ofNullable(regionOrNull(accountId, region)).map(r -> r.vpcId));
  }

  public List<IamUser> users(String accountId) {
    return read(() -> {
      AccountResources a = resources.get(accountId);
      return a == null ? List.of() : List.copyOf(a.users.values());
    });
  }

  public Optional<IamUser> user(String accountId, String userName) {
    return read(() -> {
      AccountResources a = resources.get(accountId);
      return a == null ? Optional.<IamUser>empty() : Optional.ofNullable(a.users.get(userName));
    });
  }

  /** Current misconfigurations, recomputed from state so admin mutations are reflected. */
  public List<Misconfiguration> misconfigurations() {
    return read(() -> {
      List<Misconfiguration> out = new ArrayList<>();
      for (Map.Entry<String, AccountResources> a : resources.entrySet()) {
        for (Map.Entry<String, RegionResources> r : a.getValue().regions.entrySet()) {
          for (SecurityGroup sg : r.getValue().securityGroups.values()) {
            if (Rules.opensSshToWorld(sg)) {
              out.add(new Misconfiguration(Misconfiguration.SG_OPEN_SSH, a.getKey(), r.getKey(),
                  "AWS::EC2::SecurityGroup", sg.groupId()));
            }
          }
        }
        for (IamUser u : a.getValue().users.values()) {
          if (Rules.consoleWithoutMfa(u)) {
            out.add(new Misconfiguration(Misconfiguration.IAM_CONSOLE_NO_MFA, a.getKey(), "global",
                "AWS::IAM::User", u.userId()));
          }
        }
      }
      return out;
    });
  }

  /**
   * The original truth set plus the newer kinds (root keys, stale keys, admin policies, logging,
   * encryption, public exposure...). Kept apart so consumers counting the two original rules see
   * exactly what they always did.
   */
  public List<Misconfiguration> allMisconfigurations() {
    List<Misconfiguration> out = new ArrayList<>(misconfigurations());
    read(() -> {
      for (Map.Entry<String, AccountResources> e : resources.entrySet()) {
        Rules.extended(e.getKey(), e.getValue().users.values(), e.getValue().userExtras, e.getValue().roles.values(),
            e.getValue().policies.values(), e.getValue().iamSettings, e.getValue().buckets.values(),
            e.getValue().trails.values(), regions, out);
        for (Map.Entry<String, RegionResources> r : e.getValue().regions.entrySet()) {
          RegionResources rr = r.getValue();
          Rules.extendedRegional(e.getKey(), r.getKey(), rr.instances.values(), rr.instanceSettings, rr.subnets.values(),
              rr.volumes.values(), rr.snapshots.values(), rr.ebsEncryptionByDefault, out);
          if (rr.services != ServicesModel.Regional.EMPTY) {
            Rules.services(e.getKey(), r.getKey(), rr.services, out);
          }
        }
      }
      return null;
    });
    return out;
  }

  public Map<String, Integer> resourceCounts() {
    return read(() -> {
      int sgs = 0;
      int instances = 0;
      int users = 0;
      int active = 0;
      for (Account a : accounts.values()) {
        active += a.active() ? 1 : 0;
      }
      for (AccountResources a : resources.values()) {
        users += a.users.size();
        for (RegionResources r : a.regions.values()) {
          sgs += r.securityGroups.size();
          instances += r.instances.size();
        }
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put("accounts", accounts.size());
      counts.put("activeAccounts", active);
      counts.put("securityGroups", sgs);
      counts.put("instances", instances);
      counts.put("iamUsers", users);
      return counts;
    });
  }

  // --- mutations (admin API) ---

  /** Adds an ingress rule; IllegalStateException if the same rule already exists. */
  public SecurityGroup addIngress(String accountId, String region, String groupId, PermissionRule rule) {
    return write(() -> {
      RegionResources r = region(accountId, region);
      SecurityGroup sg = found(r.securityGroups.get(groupId), "security group " + groupId);
      if (rule.sourceGroupId() != null && !r.securityGroups.containsKey(rule.sourceGroupId())) {
        throw new IllegalArgumentException("source group " + rule.sourceGroupId() + " does not exist in " + region);
      }
      if (sg.ingress().stream().anyMatch(rule::sameRule)) {
        throw new IllegalStateException("the specified rule already exists in " + groupId);
      }
      List<PermissionRule> rules = new ArrayList<>(sg.ingress());
      rules.add(rule);
      SecurityGroup updated = sg.withIngress(rules);
      r.securityGroups.put(groupId, updated);
      return updated;
    });
  }

  /** Removes a matching ingress rule; NoSuchElementException if it is not there. */
  public SecurityGroup removeIngress(String accountId, String region, String groupId, PermissionRule rule) {
    return write(() -> {
      RegionResources r = region(accountId, region);
      SecurityGroup sg = found(r.securityGroups.get(groupId), "security group " + groupId);
      List<PermissionRule> rules = new ArrayList<>(sg.ingress());
      if (!rules.removeIf(rule::sameRule)) {
        throw new NoSuchElementException("the specified rule does not exist in " + groupId);
      }
      SecurityGroup updated = sg.withIngress(rules);
      r.securityGroups.put(groupId, updated);
      return updated;
    });
  }

  /** Stores (or replaces) an object in one of the account's buckets; the caller checked the bucket is its own. */
  public void putObject(String accountId, StorageModel.S3Object object) {
    write(() -> resources.get(accountId).objects.computeIfAbsent(object.bucket(), b -> new TreeMap<>())
        .put(object.key(), object));
  }

  /** The objects of one of the account's buckets, sorted by key. */
  public List<StorageModel.S3Object> objects(String accountId, String bucket) {
    return read(() -> {
      AccountResources a = resources.get(accountId);
      Map<String, StorageModel.S3Object> inBucket = a == null ? null : a.objects.get(bucket);
      return inBucket == null ? List.of() : List.copyOf(inBucket.values());
    });
  }

  public void terminateInstance(String accountId, String region, String instanceId) {
    write(() -> found(region(accountId, region).instances.remove(instanceId), "instance " + instanceId));
  }

  /** Creates a user; IllegalStateException if the name is taken in that account. */
  public IamUser createUser(String accountId, String userName, boolean consolePassword, boolean mfa,
                            Supplier<String> userIdFactory, Instant now) {
    return write(() -> {
      Account account = found(accounts.get(accountId), "account " + accountId);
      AccountResources a = resources.get(account.id());
      if (a.users.containsKey(userName)) {
        throw new IllegalStateException("User with name " + userName + " already exists.");
      }
      String userId;
      do {
        userId = userIdFactory.get();
      } while (userIdTaken(userId));
      IamUser user = new IamUser(accountId, userName, userId, "/", now, null,
          consolePassword ? new IamUser.LoginProfile(now, false) : null,
          mfa ? List.of(new IamUser.MfaDevice("arn:aws:iam::" + accountId + ":mfa/" + userName, now)) : List.of());
      a.users.put(userName, user);
      return user;
    });
  }

  private boolean userIdTaken(String userId) {
    return resources.values().stream().flatMap(a -> a.users.values().stream()).anyMatch(u -> u.userId().equals(userId));
  }

  private RegionResources regionOrNull(String accountId, String region) {
    AccountResources a = resources.get(accountId);
    return a == null ? null : a.regions.get(region);
  }

  private RegionResources region(String accountId, String region) {
    found(accounts.get(accountId), "account " + accountId);
    return found(regionOrNull(accountId, region), "region " + region + " of account " + accountId);
  }

  private static <T> T found(T value, String what) {
    if (value == null) {
      throw new NoSuchElementException(what + " not found");
    }
    return value;
  }

  private <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
