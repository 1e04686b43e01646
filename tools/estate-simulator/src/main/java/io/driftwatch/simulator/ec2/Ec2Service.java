package io.driftwatch.simulator.ec2;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.Instance;
import io.driftwatch.simulator.estate.PermissionRule;
import io.driftwatch.simulator.estate.SecurityGroup;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.WireErrors;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/** EC2 over the EC2 Query protocol; every read is scoped to the caller's account and the signed region. */
public final class Ec2Service implements AwsService {
  public static final String XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private final Estate estate;

  public Ec2Service(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "ec2";
  }

  @Override
  public Wire wire() {
    return Wire.EC2;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.ec2(e, requestId);
  }

  @Override
  public AwsException throttled() {
    return new AwsException("RequestLimitExceeded", "Request limit exceeded.", 503);
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeRegions" -> describeRegions(call);
      case "DescribeInstances" -> describeInstances(call);
      case "DescribeSecurityGroups" -> describeSecurityGroups(call);
      default -> throw AwsException.badRequest("InvalidAction", "The action " + call.action() + " is not valid for this web service.");
    };
  }

  private AwsResponse describeRegions(AwsCall call) {
    List<String> wanted = call.params().list("RegionName");
    XmlWriter w = XmlWriter.document("DescribeRegionsResponse", XMLNS).element("requestId", call.requestId()).start("regionInfo");
    for (String region : estate.regions()) {
      if (wanted.isEmpty() || wanted.contains(region)) {
        w.start("item").element("regionName", region).element("regionEndpoint", "ec2." + region + ".amazonaws.com")
            .element("optInStatus", "opt-in-not-required").end();
      }
    }
    return AwsResponse.xml(w.end().finish());
  }

  private AwsResponse describeInstances(AwsCall call) {
    QueryParams p = call.params();
    String account = call.caller().accountId();
    List<Instance> all = estate.instances(account, call.region());
    List<String> ids = p.list("InstanceId");
    Integer max = pageSize(p, ids);
    for (String id : ids) {
      if (all.stream().noneMatch(i -> i.instanceId().equals(id))) {
        throw AwsException.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
      }
    }
    Map<String, BiPredicate<Instance, String>> supported = new LinkedHashMap<>();
    supported.put("instance-id", (i, v) -> i.instanceId().equals(v));
    supported.put("instance-state-name", (i, v) -> i.stateName().equals(v));
    supported.put("instance-type", (i, v) -> i.instanceType().equals(v));
    supported.put("vpc-id", (i, v) -> i.vpcId().equals(v));
    supported.put("subnet-id", (i, v) -> i.subnetId().equals(v));
    supported.put("availability-zone", (i, v) -> i.availabilityZone().equals(v));
    supported.put("instance.group-id", (i, v) -> i.groups().stream().anyMatch(g -> g.groupId().equals(v)));
    List<Instance> matching = new ArrayList<>();
    for (Instance i : all) {
      if ((ids.isEmpty() || ids.contains(i.instanceId())) && Filters.matches(p.filters(), supported, i, Instance::tags)) {
        matching.add(i);
      }
    }
    PageToken.Page<Instance> page = PageToken.page(matching, Instance::instanceId, p.get("NextToken"),
        max == null ? 1000 : max, "InvalidParameterValue");
    XmlWriter w = XmlWriter.document("DescribeInstancesResponse", XMLNS).element("requestId", call.requestId())
        .start("reservationSet");
    for (Instance i : page.items()) {
      w.start("item").element("reservationId", i.reservationId()).element("ownerId", account).start("groupSet").end()
          .start("instancesSet");
      instance(w, i);
      w.end().end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  private static void instance(XmlWriter w, Instance i) {
    w.start("item")
        .element("instanceId", i.instanceId())
        .element("imageId", i.imageId())
        .start("instanceState").element("code", i.stateCode()).element("name", i.stateName()).end()
        .element("privateDnsName", "ip-" + i.privateIpAddress().replace('.', '-') + ".ec2.internal")
        .element("instanceType", i.instanceType())
        .element("launchTime", i.launchTime())
        .start("placement").element("availabilityZone", i.availabilityZone()).element("tenancy", "default").end()
        .start("monitoring").element("state", "disabled").end()
        .element("subnetId", i.subnetId())
        .element("vpcId", i.vpcId())
        .element("privateIpAddress", i.privateIpAddress())
        .start("groupSet");
    for (Instance.GroupRef g : i.groups()) {
      w.start("item").element("groupId", g.groupId()).element("groupName", g.groupName()).end();
    }
    w.end().element("architecture", i.instanceType().startsWith("c6g") ? "arm64" : "x86_64")
        .element("rootDeviceType", "ebs").element("rootDeviceName", "/dev/xvda");
    if (i.instanceProfile() != null) {
      w.start("iamInstanceProfile").element("arn", i.instanceProfile().arn()).element("id", i.instanceProfile().id()).end();
    }
    tags(w, i.tags());
    w.start("metadataOptions").element("state", "applied").element("httpTokens", i.httpTokens())
        .element("httpPutResponseHopLimit", 2).element("httpEndpoint", "enabled").end();
    w.end();
  }

  private AwsResponse describeSecurityGroups(AwsCall call) {
    QueryParams p = call.params();
    String account = call.caller().accountId();
    List<SecurityGroup> all = estate.securityGroups(account, call.region());
    List<String> ids = p.list("GroupId");
    List<String> names = p.list("GroupName");
    Integer max = pageSize(p, ids.isEmpty() ? names : ids);
    for (String id : ids) {
      if (all.stream().noneMatch(g -> g.groupId().equals(id))) {
        throw AwsException.badRequest("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
      }
    }
    for (String name : names) {
      if (all.stream().noneMatch(g -> g.groupName().equals(name))) {
        throw AwsException.badRequest("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in default VPC '"
            + estate.defaultVpcId(account, call.region()).orElse("none") + "'");
      }
    }
    Map<String, BiPredicate<SecurityGroup, String>> supported = new LinkedHashMap<>();
    supported.put("group-id", (g, v) -> g.groupId().equals(v));
    supported.put("group-name", (g, v) -> g.groupName().equals(v));
    supported.put("vpc-id", (g, v) -> g.vpcId().equals(v));
    supported.put("owner-id", (g, v) -> g.ownerId().equals(v));
    List<SecurityGroup> matching = new ArrayList<>();
    for (SecurityGroup g : all) {
      if ((ids.isEmpty() || ids.contains(g.groupId())) && (names.isEmpty() || names.contains(g.groupName()))
          && Filters.matches(p.filters(), supported, g, SecurityGroup::tags)) {
        matching.add(g);
      }
    }
    PageToken.Page<SecurityGroup> page = PageToken.page(matching, SecurityGroup::groupId, p.get("NextToken"),
        max == null ? 1000 : max, "InvalidParameterValue");
    XmlWriter w = XmlWriter.document("DescribeSecurityGroupsResponse", XMLNS).element("requestId", call.requestId())
        .start("securityGroupInfo");
    for (SecurityGroup g : page.items()) {
      w.start("item")
          .element("ownerId", g.ownerId())
          .element("groupId", g.groupId())
          .element("groupName", g.groupName())
          .element("groupDescription", g.description())
          .element("vpcId", g.vpcId());
      permissions(w, "ipPermissions", g.ingress(), g.ownerId());
      permissions(w, "ipPermissionsEgress", g.egress(), g.ownerId());
      tags(w, g.tags());
      w.element("securityGroupArn", g.arn()).end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  /** Groups single-source rules into IpPermissions by protocol and port range, as EC2 reports them. */
  private static void permissions(XmlWriter w, String element, List<PermissionRule> rules, String ownerId) {
    Map<String, List<PermissionRule>> grouped = new LinkedHashMap<>();
    for (PermissionRule r : rules) {
      grouped.computeIfAbsent(r.ipProtocol() + "|" + r.fromPort() + "|" + r.toPort(), k -> new ArrayList<>()).add(r);
    }
    w.start(element);
    for (List<PermissionRule> same : grouped.values()) {
      PermissionRule head = same.get(0);
      w.start("item").element("ipProtocol", head.ipProtocol()).element("fromPort", head.fromPort()).element("toPort", head.toPort());
      w.start("groups");
      for (PermissionRule r : same) {
        if (r.sourceGroupId() != null) {
          w.start("item").element("userId", ownerId).element("groupId", r.sourceGroupId()).element("description", r.description()).end();
        }
      }
      w.end().start("ipRanges");
      for (PermissionRule r : same) {
        if (r.cidrIp() != null) {
          w.start("item").element("cidrIp", r.cidrIp()).element("description", r.description()).end();
        }
      }
      w.end().start("ipv6Ranges");
      for (PermissionRule r : same) {
        if (r.cidrIpv6() != null) {
          w.start("item").element("cidrIpv6", r.cidrIpv6()).element("description", r.description()).end();
        }
      }
      w.end().start("prefixListIds").end().end();
    }
    w.end();
  }

  private static void tags(XmlWriter w, Map<String, String> tags) {
    w.start("tagSet");
    tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(t -> w.start("item").element("key", t.getKey()).element("value", t.getValue()).end());
    w.end();
  }

  /** EC2 rejects MaxResults outside 5..1000, and together with explicit ids. */
  private static Integer pageSize(QueryParams p, List<String> ids) {
    Integer max = p.intParam("MaxResults", 5, 1000, "InvalidParameterValue");
    if (max != null && !ids.isEmpty()) {
      throw AwsException.badRequest("InvalidParameterCombination",
          "The parameter ids cannot be used with the parameter maxResults");
    }
    return max;
  }
}
