package io.driftwatch.snapshot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.Relationship;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Configuration items shaped like what DescribeInstances / DescribeSecurityGroups /
 * DescribeNetworkInterfaces / GetRole return (sizes 0.6–3 KB), seeded so every run is the same.
 * Mix: 40 % instances, 25 % security groups, 20 % network interfaces, 15 % IAM roles.
 */
public final class RealisticItems {
    static final String REGION = "us-east-1";
    private final Random random;

    public RealisticItems(long seed) {
        random = new Random(seed);
    }

    public static String account(int i) {
        return String.format("%012d", 100000000000L + i);
    }

    /** The raw (collector-side, not yet canonical) configuration of item {@code n}. */
    ObjectNode configuration(String type, int n, int version) {
        return switch (type) {
            case "AWS::EC2::Instance" -> instance(n, version);
            case "AWS::EC2::SecurityGroup" -> securityGroup(n, version);
            case "AWS::EC2::NetworkInterface" -> eni(n, version);
            default -> role(n, version);
        };
    }

    static String typeOf(int n) {
        int m = n % 20;
        if (m < 8) {
            return "AWS::EC2::Instance";
        }
        if (m < 13) {
            return "AWS::EC2::SecurityGroup";
        }
        if (m < 17) {
            return "AWS::EC2::NetworkInterface";
        }
        return "AWS::IAM::Role";
    }

    static String idOf(String type, int n) {
        return switch (type) {
            case "AWS::EC2::Instance" -> String.format("i-%017x", n);
            case "AWS::EC2::SecurityGroup" -> String.format("sg-%017x", n);
            case "AWS::EC2::NetworkInterface" -> String.format("eni-%017x", n);
            default -> "role-" + n;
        };
    }

    /** Builds the item the collector would publish: canonical configuration and its hash. */
    public ConfigurationItem item(String account, int n, int version, String runId) {
        String type = typeOf(n);
        String id = idOf(type, n);
        JsonNode canonical = CanonicalJson.canonicalize(type, configuration(type, n, version));
        String text = CanonicalJson.toCanonicalString(canonical);
        ConfigurationItem.Builder b = ConfigurationItem.newBuilder().setAccountId(account)
                .setAwsRegion(type.startsWith("AWS::IAM") ? "global" : REGION).setResourceType(type).setResourceId(id)
                .setArn("arn:aws:" + (type.startsWith("AWS::IAM") ? "iam::" + account + ":role/" : "ec2:" + REGION + ":" + account + ":") + id)
                .setResourceName(id).setConfiguration(text).setConfigurationHash(CanonicalJson.sha256(text)).setRunId(runId)
                .putTags("env", n % 3 == 0 ? "prod" : "dev").putTags("team", "team-" + (n % 17));
        if (type.equals("AWS::EC2::Instance") || type.equals("AWS::EC2::NetworkInterface")) {
            b.addRelationships(Relationship.newBuilder().setName("Is associated with SecurityGroup")
                    .setResourceType("AWS::EC2::SecurityGroup").setResourceId(idOf("AWS::EC2::SecurityGroup", sgFor(n))));
            b.addRelationships(Relationship.newBuilder().setName("Is contained in Subnet").setResourceType("AWS::EC2::Subnet")
                    .setResourceId("subnet-" + (n % 50)));
        }
        return b.build();
    }

    private static int sgFor(int n) {
        return (n / 20) * 20 + 8; // the first security group of the same block of 20
    }

    private ObjectNode instance(int n, int version) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("instanceId", idOf("AWS::EC2::Instance", n));
        o.put("imageId", "ami-0" + Integer.toHexString(n % 97 * 7919));
        o.put("instanceType", version % 2 == 0 ? "t3.micro" : "t3.small");
        o.put("keyName", "key-" + (n % 13));
        o.put("launchTime", "2025-0" + (1 + n % 9) + "-1" + (n % 9) + "T10:11:12.000Z");
        o.putObject("placement").put("availabilityZone", "us-east-1" + (char) ('a' + n % 3)).put("tenancy", "default")
                .put("groupName", "");
        o.putObject("monitoring").put("state", "disabled");
        o.put("privateDnsName", "ip-10-0-" + (n % 250) + "-" + (n % 199) + ".ec2.internal");
        o.put("privateIpAddress", "10.0." + (n % 250) + "." + (n % 199));
        o.put("subnetId", "subnet-" + (n % 50));
        o.put("vpcId", "vpc-" + (n % 5));
        o.put("architecture", "x86_64");
        o.put("rootDeviceName", "/dev/xvda");
        o.put("rootDeviceType", "ebs");
        o.put("ebsOptimized", n % 2 == 0);
        o.put("enaSupport", true);
        o.put("hypervisor", "xen");
        o.putObject("iamInstanceProfile").put("arn", "arn:aws:iam::000000000000:instance-profile/app-" + (n % 11))
                .put("id", "AIPA" + n);
        o.putObject("state").put("code", 16).put("name", "running");
        o.putObject("metadataOptions").put("httpTokens", n % 5 == 0 ? "optional" : "required").put("httpPutResponseHopLimit", 2)
                .put("httpEndpoint", "enabled").put("state", "applied");
        ArrayNode bdm = o.putArray("blockDeviceMappings");
        for (int d = 0; d < 2 + n % 3; d++) {
            ObjectNode m = bdm.addObject().put("deviceName", "/dev/sd" + (char) ('a' + d));
            m.putObject("ebs").put("volumeId", "vol-" + n + "-" + d).put("deleteOnTermination", d == 0).put("status", "attached")
                    .put("attachTime", "2025-01-01T00:00:0" + d + ".000Z");
        }
        ArrayNode sgs = o.putArray("securityGroups");
        sgs.addObject().put("groupId", idOf("AWS::EC2::SecurityGroup", sgFor(n))).put("groupName", "sg-" + sgFor(n));
        sgs.addObject().put("groupId", "sg-shared-" + (n % 7)).put("groupName", "shared-" + (n % 7));
        ArrayNode enis = o.putArray("networkInterfaces");
        ObjectNode eni = enis.addObject().put("networkInterfaceId", "eni-i-" + n).put("macAddress", "0a:1b:2c:" + (n % 99))
                .put("status", "in-use").put("sourceDestCheck", true);
        eni.putArray("privateIpAddresses").addObject().put("primary", true).put("privateIpAddress", "10.0." + (n % 250) + "." + (n % 199));
        ArrayNode tags = o.putArray("tags");
        tags.addObject().put("key", "Name").put("value", "app-" + n);
        tags.addObject().put("key", "env").put("value", n % 3 == 0 ? "prod" : "dev");
        tags.addObject().put("key", "team").put("value", "team-" + (n % 17));
        tags.addObject().put("key", "version").put("value", "v" + version);
        return o;
    }

    private ObjectNode securityGroup(int n, int version) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("groupId", idOf("AWS::EC2::SecurityGroup", n));
        o.put("groupName", "sg-" + n);
        o.put("description", "security group " + n);
        o.put("ownerId", "000000000000");
        o.put("vpcId", "vpc-" + (n % 5));
        ArrayNode in = o.putArray("ipPermissions");
        int rules = 3 + n % 8;
        for (int r = 0; r < rules; r++) {
            ObjectNode p = in.addObject().put("ipProtocol", "tcp").put("fromPort", 1000 + r * 10).put("toPort", 1000 + r * 10);
            ArrayNode ranges = p.putArray("ipRanges");
            for (int c = 0; c < 1 + (n + r) % 4; c++) {
                ranges.addObject().put("cidrIp", "10." + r + "." + c + ".0/24").put("description", "range " + c);
            }
            p.putArray("ipv6Ranges");
            p.putArray("prefixListIds");
            p.putArray("userIdGroupPairs");
        }
        if (version > 0) {
            ((ArrayNode) in.get(0).get("ipRanges")).addObject().put("cidrIp", "192.168." + version % 250 + ".0/24");
        }
        ArrayNode out = o.putArray("ipPermissionsEgress");
        out.addObject().put("ipProtocol", "-1").putArray("ipRanges").addObject().put("cidrIp", "0.0.0.0/0");
        o.putArray("tags").addObject().put("key", "Name").put("value", "sg-" + n);
        return o;
    }

    private ObjectNode eni(int n, int version) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("networkInterfaceId", idOf("AWS::EC2::NetworkInterface", n));
        o.put("subnetId", "subnet-" + (n % 50));
        o.put("vpcId", "vpc-" + (n % 5));
        o.put("availabilityZone", "us-east-1a");
        o.put("description", version == 0 ? "" : "v" + version);
        o.put("interfaceType", "interface");
        o.put("macAddress", "0a:00:" + (n % 99));
        o.put("privateIpAddress", "10.1." + (n % 250) + "." + (n % 199));
        o.put("sourceDestCheck", true);
        o.put("status", "in-use");
        o.putArray("groups").addObject().put("groupId", idOf("AWS::EC2::SecurityGroup", sgFor(n))).put("groupName", "g");
        o.putObject("attachment").put("attachmentId", "eni-attach-" + n).put("deviceIndex", 0).put("status", "attached");
        o.putArray("privateIpAddresses").addObject().put("primary", true).put("privateIpAddress", "10.1." + (n % 250) + "." + (n % 199));
        return o;
    }

    private ObjectNode role(int n, int version) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("roleName", "role-" + n);
        o.put("roleId", "AROA" + n);
        o.put("arn", "arn:aws:iam::000000000000:role/role-" + n);
        o.put("path", "/");
        o.put("createDate", "2024-05-06T07:08:09Z");
        o.put("maxSessionDuration", 3600);
        ObjectNode trust = o.putObject("assumeRolePolicyDocument").put("Version", "2012-10-17");
        trust.putArray("Statement").addObject().put("Sid", "trust").put("Effect", "Allow").put("Action", "sts:AssumeRole")
                .putObject("Principal").put("Service", "ec2.amazonaws.com");
        ArrayNode attached = o.putArray("attachedManagedPolicies");
        for (int p = 0; p < 2 + n % 4; p++) {
            attached.addObject().put("policyArn", "arn:aws:iam::aws:policy/Policy" + p).put("policyName", "Policy" + p);
        }
        ArrayNode inline = o.putArray("rolePolicyList");
        ObjectNode doc = inline.addObject().put("policyName", "inline").putObject("policyDocument").put("Version", "2012-10-17");
        ArrayNode st = doc.putArray("Statement");
        for (int s = 0; s < 3 + n % 5; s++) {
            ObjectNode stmt = st.addObject().put("Sid", "S" + s).put("Effect", "Allow");
            ArrayNode actions = stmt.putArray("Action");
            actions.add("s3:GetObject").add("s3:PutObject").add("s3:ListBucket");
            stmt.putArray("Resource").add("arn:aws:s3:::bucket-" + n + "-" + s).add("arn:aws:s3:::bucket-" + n + "-" + s + "/*");
        }
        if (version > 0) {
            st.addObject().put("Sid", "V" + version).put("Effect", "Deny").put("Action", "s3:DeleteObject").put("Resource", "*");
        }
        o.putObject("roleLastUsed").put("region", REGION);
        ArrayNode tags = o.putArray("tags");
        tags.addObject().put("key", "owner").put("value", "team-" + (n % 17));
        return o;
    }

    /** The same JSON with every array shuffled (recursively): what AWS may return on the next call. */
    JsonNode reorder(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            for (String name : names) {
                out.set(name, reorder(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(e -> elements.add(reorder(e)));
            Collections.shuffle(elements, random);
            ArrayNode out = CanonicalJson.MAPPER.createArrayNode();
            elements.forEach(out::add);
            return out;
        }
        return node;
    }

    Random random() {
        return random;
    }
}
