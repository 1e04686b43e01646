package io.driftwatch.simulator.estate;

import java.util.Locale;

/**
 * One security group rule with exactly one source (like EC2's SecurityGroupRule); rules with the
 * same protocol and port range are grouped into one IpPermission when rendered.
 */
public record PermissionRule(String ipProtocol, Integer fromPort, Integer toPort,
                             String cidrIp, String cidrIpv6, String sourceGroupId, String description) {

  public PermissionRule {
    int sources = (cidrIp != null ? 1 : 0) + (cidrIpv6 != null ? 1 : 0) + (sourceGroupId != null ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException("exactly one of cidrIp, cidrIpv6, sourceGroupId is required");
    }
    ipProtocol = normalizeProtocol(ipProtocol);
    if ("-1".equals(ipProtocol)) {
      fromPort = null;
      toPort = null;
    } else if ("tcp".equals(ipProtocol) || "udp".equals(ipProtocol)) {
      if (fromPort == null || toPort == null || fromPort < 0 || toPort > 65535 || fromPort > toPort) {
        throw new IllegalArgumentException("tcp/udp rules need 0 <= fromPort <= toPort <= 65535");
      }
    } else if (fromPort == null || toPort == null || fromPort < -1 || toPort < -1 || fromPort > 255 || toPort > 255) {
      throw new IllegalArgumentException("icmp rules need type/code between -1 and 255");
    }
  }

  public static PermissionRule cidr(String protocol, Integer from, Integer to, String cidr) {
    return cidr.contains(":")
        ? new PermissionRule(protocol, from, to, null, cidr, null, null)
        : new PermissionRule(protocol, from, to, cidr, null, null, null);
  }

  public static PermissionRule group(String protocol, Integer from, Integer to, String groupId) {
    return new PermissionRule(protocol, from, to, null, null, groupId, null);
  }

  /** Same rule regardless of description, which is how EC2 matches rules to revoke. */
  public boolean sameRule(PermissionRule o) {
    return ipProtocol.equals(o.ipProtocol) && java.util.Objects.equals(fromPort, o.fromPort)
        && java.util.Objects.equals(toPort, o.toPort) && java.util.Objects.equals(cidrIp, o.cidrIp)
        && java.util.Objects.equals(cidrIpv6, o.cidrIpv6) && java.util.Objects.equals(sourceGroupId, o.sourceGroupId);
  }

  /** EC2 accepts names or numbers; "all"/"-1" mean every protocol. */
  public static String normalizeProtocol(String p) {
    if (p == null || p.isBlank()) {
      throw new IllegalArgumentException("ipProtocol is required");
    }
    String s = p.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "-1", "all" -> "-1";
      case "6", "tcp" -> "tcp";
      case "17", "udp" -> "udp";
      case "1", "icmp" -> "icmp";
      case "58", "icmpv6" -> "icmpv6";
      default -> {
        if (s.matches("\\d{1,3}") && Integer.parseInt(s) <= 255) {
          yield s;
        }
        throw new IllegalArgumentException("unsupported ipProtocol: " + p);
      }
    };
  }
}
