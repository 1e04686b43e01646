package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An EC2 instance; {@code groups} carry both id and name as DescribeInstances reports them. */
public record Instance(String instanceId, String reservationId, String imageId, String stateName, String instanceType,
                       String availabilityZone, String privateIpAddress, String subnetId, String vpcId,
                       List<GroupRef> groups, InstanceProfile instanceProfile, Instant launchTime,
                       Map<String, String> tags, String httpTokens) {
  public record GroupRef(String groupId, String groupName) {}

  public record InstanceProfile(String arn, String id) {}

  public Instance {
    groups = List.copyOf(groups);
    tags = Map.copyOf(tags);
  }

  /** EC2 instance state codes (low byte of the state code). */
  public int stateCode() {
    return switch (stateName) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      default -> 80;
    };
  }
}
