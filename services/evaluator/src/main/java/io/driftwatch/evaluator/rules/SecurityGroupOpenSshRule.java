package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared responsibility 7 (network configuration): no security group lets the whole internet reach
 * SSH (tcp/22), directly, through a port range containing 22, or through an all-traffic rule.
 */
public final class SecurityGroupOpenSshRule implements Rule {
    private static final List<String> WORLD = List.of("0.0.0.0/0", "::/0");

    @Override
    public String id() {
        return "sg-open-ssh";
    }

    @Override
    public String title() {
        return "Security group allows SSH from the internet";
    }

    @Override
    public String description() {
        return "Ingress from 0.0.0.0/0 or ::/0 to tcp port 22 (or to all ports) exposes SSH to the whole internet.";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String controlArea() {
        return "network";
    }

    @Override
    public String resourceType() {
        return "AWS::EC2::SecurityGroup";
    }

    @Override
    public Evaluation evaluate(JsonNode configuration) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode permission : configuration.path("ipPermissions")) {
            if (!reachesSsh(permission)) {
                continue;
            }
            for (JsonNode range : permission.path("ipRanges")) {
                if (WORLD.contains(range.path("cidrIp").asText())) {
                    reasons.add(describe(permission, range.path("cidrIp").asText()));
                }
            }
            for (JsonNode range : permission.path("ipv6Ranges")) {
                if (WORLD.contains(range.path("cidrIpv6").asText())) {
                    reasons.add(describe(permission, range.path("cidrIpv6").asText()));
                }
            }
        }
        return reasons.isEmpty() ? Evaluation.pass() : Evaluation.fail(String.join("; ", reasons));
    }

    private static boolean reachesSsh(JsonNode permission) {
        String protocol = permission.path("ipProtocol").asText();
        if (protocol.equals("-1") || protocol.equalsIgnoreCase("all")) {
            return true;
        }
        if (!protocol.equals("tcp") && !protocol.equals("6")) {
            return false;
        }
        if (!permission.hasNonNull("fromPort") || !permission.hasNonNull("toPort")) {
            return true; // tcp without ports means every port
        }
        return permission.get("fromPort").asInt() <= 22 && permission.get("toPort").asInt() >= 22;
    }

    private static String describe(JsonNode permission, String cidr) {
        String protocol = permission.path("ipProtocol").asText();
        if (protocol.equals("-1")) {
            return "ingress " + cidr + " to all traffic";
        }
        int from = permission.path("fromPort").asInt(0);
        int to = permission.path("toPort").asInt(65535);
        return "ingress " + cidr + " to tcp/" + (from == to ? String.valueOf(from) : from + "-" + to);
    }
}
