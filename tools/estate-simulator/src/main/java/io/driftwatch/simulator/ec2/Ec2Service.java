package io.driftwatch.simulator.ec2;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.Instance;
import io.driftwatch.simulator.estate.NetworkModel;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.function.Function;
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
      case "DescribeInstanceAttribute" -> describeInstanceAttribute(call);
      case "DescribeVpcs" -> describeVpcs(call);
      case "DescribeSubnets" -> describeSubnets(call);
      case "DescribeNetworkAcls" -> describeNetworkAcls(call);
      case "DescribeVolumes" -> describeVolumes(call);
      case "GetEbsEncryptionByDefault" -> getEbsEncryptionByDefault(call);
      case "DescribeSnapshots" -> describeSnapshots(call);
      case "DescribeSnapshotAttribute" -> describeSnapshotAttribute(call);
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

  // --- instance attributes, VPC networking, EBS ---

  private AwsResponse describeInstanceAttribute(AwsCall call) {
    String account = call.caller().accountId();
    String id = call.params().get("InstanceId");
    String attribute = call.params().get("Attribute");
    if (estate.instances(account, call.region()).stream().noneMatch(i -> i.instanceId().equals(id))) {
      throw AwsException.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
    }
    NetworkModel.InstanceSettings s = estate.instanceSettings(account, call.region(), id);
    XmlWriter w = XmlWriter.document("DescribeInstanceAttributeResponse", XMLNS).element("requestId", call.requestId())
        .element("instanceId", id);
    switch (Objects.requireNonNullElse(attribute, "")) {
      case "disableApiTermination" -> w.start("disableApiTermination").element("value", s.disableApiTermination()).end();
      case "userData" -> {
        w.start("userData");
        if (s.userData() != null) {
          w.element("value", Base64.getEncoder().encodeToString(s.userData().getBytes(StandardCharsets.UTF_8)));
        }
        w.end();
      }
      default -> throw AwsException.badRequest("InvalidParameterValue",
          "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
    }
    return AwsResponse.xml(w.finish());
  }

  private AwsResponse describeVpcs(AwsCall call) {
    String account = call.caller().accountId();
    Map<String, BiPredicate<NetworkModel.Vpc, String>> supported = new LinkedHashMap<>();
    supported.put("vpc-id", (v, x) -> v.vpcId().equals(x));
    supported.put("is-default", (v, x) -> String.valueOf(v.isDefault()).equals(x));
    supported.put("cidr", (v, x) -> v.cidrBlock().equals(x));
    PageToken.Page<NetworkModel.Vpc> page = select(call, estate.vpcs(account, call.region()), "VpcId",
        NetworkModel.Vpc::vpcId, supported, NetworkModel.Vpc::tags, "InvalidVpcID.NotFound", "vpc ID");
    XmlWriter w = XmlWriter.document("DescribeVpcsResponse", XMLNS).element("requestId", call.requestId()).start("vpcSet");
    for (NetworkModel.Vpc v : page.items()) {
      w.start("item").element("vpcId", v.vpcId()).element("ownerId", account).element("state", "available")
          .element("cidrBlock", v.cidrBlock())
          .start("cidrBlockAssociationSet").start("item").element("associationId", "vpc-cidr-assoc-" + v.vpcId().substring(4))
          .element("cidrBlock", v.cidrBlock()).start("cidrBlockState").element("state", "associated").end().end().end()
          .element("dhcpOptionsId", v.dhcpOptionsId()).element("instanceTenancy", "default")
          .element("isDefault", v.isDefault());
      tags(w, v.tags());
      w.end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  private AwsResponse describeSubnets(AwsCall call) {
    String account = call.caller().accountId();
    Map<String, BiPredicate<NetworkModel.Subnet, String>> supported = new LinkedHashMap<>();
    supported.put("subnet-id", (v, x) -> v.subnetId().equals(x));
    supported.put("vpc-id", (v, x) -> v.vpcId().equals(x));
    supported.put("availability-zone", (v, x) -> v.availabilityZone().equals(x));
    supported.put("default-for-az", (v, x) -> String.valueOf(v.defaultForAz()).equals(x));
    supported.put("map-public-ip-on-launch", (v, x) -> String.valueOf(v.mapPublicIpOnLaunch()).equals(x));
    PageToken.Page<NetworkModel.Subnet> page = select(call, estate.subnets(account, call.region()), "SubnetId",
        NetworkModel.Subnet::subnetId, supported, NetworkModel.Subnet::tags, "InvalidSubnetID.NotFound", "subnet ID");
    XmlWriter w = XmlWriter.document("DescribeSubnetsResponse", XMLNS).element("requestId", call.requestId()).start("subnetSet");
    for (NetworkModel.Subnet s : page.items()) {
      w.start("item").element("subnetId", s.subnetId())
          .element("subnetArn", "arn:aws:ec2:" + call.region() + ":" + account + ":subnet/" + s.subnetId())
          .element("state", "available").element("ownerId", account).element("vpcId", s.vpcId())
          .element("cidrBlock", s.cidrBlock()).element("availableIpAddressCount", s.availableIps())
          .element("availabilityZone", s.availabilityZone()).element("defaultForAz", s.defaultForAz())
          .element("mapPublicIpOnLaunch", s.mapPublicIpOnLaunch()).element("assignIpv6AddressOnCreation", false);
      tags(w, s.tags());
      w.end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  private AwsResponse describeNetworkAcls(AwsCall call) {
    String account = call.caller().accountId();
    Map<String, BiPredicate<NetworkModel.NetworkAcl, String>> supported = new LinkedHashMap<>();
    supported.put("network-acl-id", (v, x) -> v.networkAclId().equals(x));
    supported.put("vpc-id", (v, x) -> v.vpcId().equals(x));
    supported.put("default", (v, x) -> String.valueOf(v.isDefault()).equals(x));
    supported.put("association.subnet-id", (v, x) -> v.subnetIds().contains(x));
    PageToken.Page<NetworkModel.NetworkAcl> page = select(call, estate.networkAcls(account, call.region()), "NetworkAclId",
        NetworkModel.NetworkAcl::networkAclId, supported, NetworkModel.NetworkAcl::tags, "InvalidNetworkAclID.NotFound",
        "network ACL ID");
    XmlWriter w = XmlWriter.document("DescribeNetworkAclsResponse", XMLNS).element("requestId", call.requestId())
        .start("networkAclSet");
    for (NetworkModel.NetworkAcl a : page.items()) {
      w.start("item").element("networkAclId", a.networkAclId()).element("vpcId", a.vpcId()).element("default", a.isDefault())
          .start("entrySet");
      for (NetworkModel.AclEntry e : a.entries()) {
        w.start("item").element("ruleNumber", e.ruleNumber()).element("protocol", e.protocol())
            .element("ruleAction", e.ruleAction()).element("egress", e.egress()).element("cidrBlock", e.cidrBlock());
        if (e.fromPort() != null) {
          w.start("portRange").element("from", e.fromPort()).element("to", e.toPort()).end();
        }
        w.end();
      }
      w.end().start("associationSet");
      for (String subnet : a.subnetIds()) {
        w.start("item").element("networkAclAssociationId", "aclassoc-" + subnet.substring(7))
            .element("networkAclId", a.networkAclId()).element("subnetId", subnet).end();
      }
      w.end();
      tags(w, a.tags());
      w.element("ownerId", account).end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  private AwsResponse describeVolumes(AwsCall call) {
    String account = call.caller().accountId();
    Map<String, BiPredicate<NetworkModel.Volume, String>> supported = new LinkedHashMap<>();
    supported.put("volume-id", (v, x) -> v.volumeId().equals(x));
    supported.put("encrypted", (v, x) -> String.valueOf(v.encrypted()).equals(x));
    supported.put("status", (v, x) -> v.state().equals(x));
    supported.put("attachment.instance-id", (v, x) -> x.equals(v.attachedInstanceId()));
    supported.put("availability-zone", (v, x) -> v.availabilityZone().equals(x));
    PageToken.Page<NetworkModel.Volume> page = select(call, estate.volumes(account, call.region()), "VolumeId",
        NetworkModel.Volume::volumeId, supported, NetworkModel.Volume::tags, "InvalidVolume.NotFound", "volume");
    XmlWriter w = XmlWriter.document("DescribeVolumesResponse", XMLNS).element("requestId", call.requestId()).start("volumeSet");
    for (NetworkModel.Volume v : page.items()) {
      w.start("item").element("volumeId", v.volumeId()).element("size", v.sizeGiB()).element("snapshotId", v.snapshotId())
          .element("availabilityZone", v.availabilityZone()).element("status", v.state()).element("createTime", v.createTime())
          .start("attachmentSet");
      if (v.attachedInstanceId() != null) {
        w.start("item").element("volumeId", v.volumeId()).element("instanceId", v.attachedInstanceId())
            .element("device", v.device()).element("status", "attached").element("attachTime", v.createTime())
            .element("deleteOnTermination", true).end();
      }
      w.end().element("volumeType", v.volumeType()).element("iops", "gp3".equals(v.volumeType()) ? 3000 : null)
          .element("encrypted", v.encrypted()).element("kmsKeyId", v.kmsKeyId()).element("multiAttachEnabled", false);
      tags(w, v.tags());
      w.end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  private AwsResponse getEbsEncryptionByDefault(AwsCall call) {
    boolean enabled = estate.ebsEncryptionByDefault(call.caller().accountId(), call.region());
    return AwsResponse.xml(XmlWriter.document("GetEbsEncryptionByDefaultResponse", XMLNS).element("requestId", call.requestId())
        .element("ebsEncryptionByDefault", enabled).element("sseType", enabled ? "sse-ebs" : null).finish());
  }

  private AwsResponse describeSnapshots(AwsCall call) {
    String account = call.caller().accountId();
    List<String> owners = call.params().list("Owner");
    // Only the account's own snapshots exist here: an owner list naming anyone else yields nothing.
    boolean own = owners.isEmpty() || owners.contains("self") || owners.contains(account);
    Map<String, BiPredicate<NetworkModel.Snapshot, String>> supported = new LinkedHashMap<>();
    supported.put("snapshot-id", (v, x) -> v.snapshotId().equals(x));
    supported.put("volume-id", (v, x) -> v.volumeId().equals(x));
    supported.put("encrypted", (v, x) -> String.valueOf(v.encrypted()).equals(x));
    supported.put("owner-id", (v, x) -> account.equals(x));
    supported.put("status", (v, x) -> "completed".equals(x));
    PageToken.Page<NetworkModel.Snapshot> page = select(call, own ? estate.snapshots(account, call.region()) : List.of(),
        "SnapshotId", NetworkModel.Snapshot::snapshotId, supported, NetworkModel.Snapshot::tags, "InvalidSnapshot.NotFound",
        "snapshot");
    XmlWriter w = XmlWriter.document("DescribeSnapshotsResponse", XMLNS).element("requestId", call.requestId())
        .start("snapshotSet");
    for (NetworkModel.Snapshot s : page.items()) {
      w.start("item").element("snapshotId", s.snapshotId()).element("volumeId", s.volumeId()).element("status", "completed")
          .element("startTime", s.startTime()).element("progress", "100%").element("ownerId", account)
          .element("volumeSize", s.volumeSizeGiB()).element("description", s.description())
          .element("encrypted", s.encrypted()).element("kmsKeyId", s.kmsKeyId()).element("storageTier", "standard");
      tags(w, s.tags());
      w.end();
    }
    w.end().element("nextToken", page.nextToken());
    return AwsResponse.xml(w.finish());
  }

  private AwsResponse describeSnapshotAttribute(AwsCall call) {
    String account = call.caller().accountId();
    String id = call.params().get("SnapshotId");
    String attribute = call.params().get("Attribute");
    NetworkModel.Snapshot s = estate.snapshots(account, call.region()).stream().filter(x -> x.snapshotId().equals(id))
        .findFirst().orElseThrow(() -> AwsException.badRequest("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist."));
    if (!"createVolumePermission".equals(attribute) && !"productCodes".equals(attribute)) {
      throw AwsException.badRequest("InvalidParameterValue",
          "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
    }
    XmlWriter w = XmlWriter.document("DescribeSnapshotAttributeResponse", XMLNS).element("requestId", call.requestId())
        .element("snapshotId", s.snapshotId());
    if (attribute.equals("createVolumePermission")) {
      w.start("createVolumePermission");
      if (s.publicRestore()) {
        w.start("item").element("group", "all").end();
      }
      w.end();
    } else {
      w.start("productCodes").end();
    }
    return AwsResponse.xml(w.finish());
  }

  /** Ids (must all exist), filters, MaxResults/NextToken: the common EC2 Describe* selection. */
  private static <T> PageToken.Page<T> select(AwsCall call, List<T> all, String idParam, Function<T, String> id,
                                              Map<String, BiPredicate<T, String>> supported,
                                              Function<T, Map<String, String>> tags, String notFound, String noun) {
    QueryParams p = call.params();
    List<String> ids = p.list(idParam);
    Integer max = pageSize(p, ids);
    for (String wanted : ids) {
      if (all.stream().noneMatch(x -> id.apply(x).equals(wanted))) {
        throw AwsException.badRequest(notFound, "The " + noun + " '" + wanted + "' does not exist");
      }
    }
    List<T> matching = new ArrayList<>();
    for (T x : all) {
      if ((ids.isEmpty() || ids.contains(id.apply(x))) && Filters.matches(p.filters(), supported, x, tags)) {
        matching.add(x);
      }
    }
    return PageToken.page(matching, id, p.get("NextToken"), max == null ? 1000 : max, "InvalidParameterValue");
  }
}
