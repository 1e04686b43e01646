package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** VPC networking and EBS storage of one account and region. */
public final class NetworkModel {
  private NetworkModel() {}

  public record Vpc(String vpcId, String cidrBlock, boolean isDefault, String dhcpOptionsId, Map<String, String> tags) {
    public Vpc {
      tags = Map.copyOf(tags);
    }
  }

  public record Subnet(String subnetId, String vpcId, String cidrBlock, String availabilityZone, int availableIps,
                       boolean defaultForAz, boolean mapPublicIpOnLaunch, Map<String, String> tags) {
    public Subnet {
      tags = Map.copyOf(tags);
    }
  }

  /** One NACL entry; protocol "-1" means all. */
  public record AclEntry(int ruleNumber, String protocol, boolean egress, String cidrBlock, String ruleAction,
                         Integer fromPort, Integer toPort) {}

  public record NetworkAcl(String networkAclId, String vpcId, boolean isDefault, List<AclEntry> entries,
                           List<String> subnetIds, Map<String, String> tags) {
    public NetworkAcl {
      entries = List.copyOf(entries);
      subnetIds = List.copyOf(subnetIds);
      tags = Map.copyOf(tags);
    }
  }

  /** An EBS volume; {@code attachedInstanceId} null when available (unattached). */
  public record Volume(String volumeId, String availabilityZone, int sizeGiB, String volumeType, boolean encrypted,
                       String kmsKeyId, Instant createTime, String attachedInstanceId, String device,
                       String snapshotId, Map<String, String> tags) {
    public Volume {
      tags = Map.copyOf(tags);
    }

    public String state() {
      return attachedInstanceId == null ? "available" : "in-use";
    }
  }

  /** An EBS snapshot owned by the account; {@code publicRestore} = createVolumePermission group "all". */
  public record Snapshot(String snapshotId, String volumeId, int volumeSizeGiB, boolean encrypted, String kmsKeyId,
                         Instant startTime, String description, boolean publicRestore, Map<String, String> tags) {
    public Snapshot {
      tags = Map.copyOf(tags);
    }
  }

  /** Instance attributes DescribeInstances does not return. */
  public record InstanceSettings(boolean disableApiTermination, String userData) {
    public static final InstanceSettings NONE = new InstanceSettings(false, null);
  }
}
