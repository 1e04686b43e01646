package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Data stores, certificates, keys, load balancers, Systems Manager, Direct Connect and the AWS Config
 * recorder of one account and region (the third generator pass, {@link EstateServices}).
 */
public final class ServicesModel {
  private ServicesModel() {}

  /** An RDS DB instance; a read replica or an Aurora member inherits its source's encryption, as in AWS. */
  public record DbInstance(String identifier, String dbiResourceId, String engine, String engineVersion,
                           String instanceClass, int allocatedStorage, boolean storageEncrypted, String kmsKeyId,
                           boolean publiclyAccessible, boolean multiAz, String readReplicaSource,
                           List<String> readReplicas, String clusterIdentifier, String availabilityZone,
                           Instant createTime, int backupRetention, boolean deletionProtection, String securityGroupId,
                           Map<String, String> tags) {
    public DbInstance {
      readReplicas = List.copyOf(readReplicas);
      tags = Map.copyOf(tags);
    }

    public String arn(String region, String accountId) {
      return "arn:aws:rds:" + region + ":" + accountId + ":db:" + identifier;
    }
  }

  /** A DB snapshot; {@code publicRestore} is the "restore" attribute holding "all". */
  public record DbSnapshot(String identifier, String instanceIdentifier, String dbiResourceId, String engine,
                           String engineVersion, int allocatedStorage, String snapshotType, boolean encrypted,
                           String kmsKeyId, Instant createTime, String availabilityZone, boolean publicRestore,
                           List<String> sharedWith) {
    public DbSnapshot {
      sharedWith = List.copyOf(sharedWith);
    }

    public String arn(String region, String accountId) {
      return "arn:aws:rds:" + region + ":" + accountId + ":snapshot:" + identifier;
    }
  }

  public record DbCluster(String identifier, String resourceId, String engine, String engineVersion,
                          boolean storageEncrypted, String kmsKeyId, List<String> members, Instant createTime,
                          int backupRetention, boolean deletionProtection, Map<String, String> tags) {
    public DbCluster {
      members = List.copyOf(members);
      tags = Map.copyOf(tags);
    }

    public String arn(String region, String accountId) {
      return "arn:aws:rds:" + region + ":" + accountId + ":cluster:" + identifier;
    }
  }

  public record RedshiftCluster(String identifier, String nodeType, int numberOfNodes, boolean encrypted,
                                String kmsKeyId, boolean publiclyAccessible, String parameterGroupName, String vpcId,
                                String availabilityZone, String dbName, String masterUsername, Instant createTime,
                                boolean enhancedVpcRouting, Map<String, String> tags) {
    public RedshiftCluster {
      tags = Map.copyOf(tags);
    }
  }

  /** A Glacier vault; {@code accessPolicy} null means none set, {@code lockState} null means no vault lock. */
  public record Vault(String name, Instant creationDate, long numberOfArchives, long sizeInBytes,
                      String accessPolicy, String lockPolicy, String lockState, Instant lockCreationDate,
                      Map<String, String> tags) {
    public Vault {
      tags = Map.copyOf(tags);
    }

    public String arn(String region, String accountId) {
      return "arn:aws:glacier:" + region + ":" + accountId + ":vaults/" + name;
    }
  }

  /** An ACM certificate; {@code inUseBy} lists the load balancers presenting it. */
  public record Certificate(String arn, String domainName, List<String> subjectAlternativeNames, String type,
                            String status, String keyAlgorithm, Instant createdAt, Instant notBefore,
                            Instant notAfter, List<String> inUseBy, String serial) {
    public Certificate {
      subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
      inUseBy = List.copyOf(inUseBy);
    }
  }

  /** A KMS key; {@code keyManager} CUSTOMER or AWS (AWS-managed keys always rotate). */
  public record KmsKey(String keyId, String arn, String description, String keyManager, String keyState,
                       boolean rotationEnabled, Instant creationDate, String alias) {
    public boolean enabled() {
      return "Enabled".equals(keyState);
    }
  }

  public record Listener(String arn, int port, String protocol, String sslPolicy, String certificateArn,
                         String defaultActionType, String redirectProtocol) {}

  public record LoadBalancer(String arn, String name, String type, String scheme, String vpcId,
                             List<String> subnetIds, List<String> availabilityZones, List<String> securityGroups,
                             Instant createdTime, List<Listener> listeners) {
    public LoadBalancer {
      subnetIds = List.copyOf(subnetIds);
      availabilityZones = List.copyOf(availabilityZones);
      securityGroups = List.copyOf(securityGroups);
      listeners = List.copyOf(listeners);
    }

    public String dnsName(String region) {
      String id = arn.substring(arn.lastIndexOf('/') + 1);
      return name + "-" + id.substring(0, 10) + "." + region + ".elb.amazonaws.com";
    }
  }

  /** Patch state as DescribeInstancePatchStates reports it. */
  public record PatchState(String baselineId, String patchGroup, int installed, int installedOther,
                           int installedPendingReboot, int missing, int failed, int notApplicable,
                           int criticalNonCompliant, int securityNonCompliant, String operation,
                           Instant operationStart, Instant operationEnd) {
    public boolean compliant() {
      return missing == 0 && failed == 0 && installedPendingReboot == 0;
    }
  }

  /** An SSM managed instance (EC2 instance id or a hybrid {@code mi-} id); {@code patch} null when never scanned. */
  public record ManagedInstance(String instanceId, String pingStatus, Instant lastPing, String agentVersion,
                                boolean latestAgent, String platformType, String platformName, String platformVersion,
                                String resourceType, String ipAddress, String computerName, Instant registrationDate,
                                String iamRole, PatchState patch) {}

  public record DxConnection(String connectionId, String name, String state, String location, String bandwidth,
                             int vlan, String partnerName, String awsDevice, Instant loaIssueTime) {}

  public record VirtualInterface(String virtualInterfaceId, String connectionId, String type, String name, int vlan,
                                 long asn, long amazonSideAsn, String state, String amazonAddress,
                                 String customerAddress, String virtualGatewayId, String directConnectGatewayId,
                                 String location) {}

  /** The region's AWS Config recorder (null in {@link Regional} when none was ever created). */
  public record ConfigRecorder(String name, String roleArn, boolean allSupported, boolean includeGlobalResourceTypes,
                               boolean recording, String lastStatus, Instant lastStartTime, Instant lastStopTime) {}

  /** Everything of one account and region, each list sorted by its key. */
  public record Regional(List<DbInstance> dbInstances, List<DbSnapshot> dbSnapshots, List<DbCluster> dbClusters,
                         List<RedshiftCluster> redshiftClusters, Map<String, Boolean> redshiftRequireSsl,
                         List<Vault> vaults, List<Certificate> certificates, List<KmsKey> keys,
                         List<LoadBalancer> loadBalancers, List<ManagedInstance> managedInstances,
                         List<DxConnection> dxConnections, List<VirtualInterface> virtualInterfaces,
                         ConfigRecorder recorder) {
    public static final Regional EMPTY = new Regional(List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);

    public Regional {
      dbInstances = sorted(dbInstances, Comparator.comparing(DbInstance::identifier));
      dbSnapshots = sorted(dbSnapshots, Comparator.comparing(DbSnapshot::identifier));
      dbClusters = sorted(dbClusters, Comparator.comparing(DbCluster::identifier));
      redshiftClusters = sorted(redshiftClusters, Comparator.comparing(RedshiftCluster::identifier));
      redshiftRequireSsl = Map.copyOf(redshiftRequireSsl);
      vaults = sorted(vaults, Comparator.comparing(Vault::name));
      certificates = sorted(certificates, Comparator.comparing(Certificate::arn));
      keys = sorted(keys, Comparator.comparing(KmsKey::keyId));
      loadBalancers = sorted(loadBalancers, Comparator.comparing(LoadBalancer::arn));
      managedInstances = sorted(managedInstances, Comparator.comparing(ManagedInstance::instanceId));
      dxConnections = sorted(dxConnections, Comparator.comparing(DxConnection::connectionId));
      virtualInterfaces = sorted(virtualInterfaces, Comparator.comparing(VirtualInterface::virtualInterfaceId));
    }

    private static <T> List<T> sorted(List<T> in, Comparator<T> order) {
      return in.stream().sorted(order).toList();
    }
  }
}
