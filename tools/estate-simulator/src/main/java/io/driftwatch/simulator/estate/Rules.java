package io.driftwatch.simulator.estate;

/** The simulator's ground-truth checks, evaluated on current state. */
public final class Rules {
  private Rules() {}

  /** Ingress from anywhere that reaches tcp/22: exact port, a covering range, or all protocols. */
  public static boolean opensSshToWorld(PermissionRule r) {
    boolean world = "0.0.0.0/0".equals(r.cidrIp()) || "::/0".equals(r.cidrIpv6());
    if (!world) {
      return false;
    }
    if ("-1".equals(r.ipProtocol())) {
      return true;
    }
    return "tcp".equals(r.ipProtocol()) && r.fromPort() <= 22 && r.toPort() >= 22;
  }

  public static boolean opensSshToWorld(SecurityGroup sg) {
    return sg.ingress().stream().anyMatch(Rules::opensSshToWorld);
  }

  public static boolean consoleWithoutMfa(IamUser u) {
    return u.loginProfile() != null && u.mfaDevices().isEmpty();
  }
}
