package io.driftwatch.simulator.estate;

import java.util.List;
import java.util.Map;

/** An EC2 security group; immutable, replaced on change. */
public record SecurityGroup(String groupId, String groupName, String description, String vpcId, String ownerId,
                            String region, List<PermissionRule> ingress, List<PermissionRule> egress,
                            Map<String, String> tags) {
  public SecurityGroup {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
    tags = Map.copyOf(tags);
  }

  public String arn() {
    return "arn:aws:ec2:" + region + ":" + ownerId + ":security-group/" + groupId;
  }

  public SecurityGroup withIngress(List<PermissionRule> rules) {
    return new SecurityGroup(groupId, groupName, description, vpcId, ownerId, region, rules, egress, tags);
  }
}
