package io.driftwatch.simulator;

import java.util.List;
import java.util.Objects;

/**
 * Options of a simulator run. The estate is a pure function of these values (seed included), so
 * two simulators started with equal options serve identical organizations.
 *
 * @param bindAddress interface to listen on; 127.0.0.1 by default, 0.0.0.0 to serve other hosts
 */
public record SimulatorOptions(int port, long seed, int accountCount, List<String> regions, int suspendedCount,
                               double misconfigurationRate, String roleName, String externalId,
                               String managementAccessKeyId, String managementSecretAccessKey, String bindAddress) {
  public static final String DEFAULT_ACCESS_KEY_ID = "AKIADRIFTWATCHSIM001";
  public static final String DEFAULT_SECRET_ACCESS_KEY = "simulator-management-secret";

  public SimulatorOptions {
    regions = List.copyOf(Objects.requireNonNull(regions, "regions"));
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(managementAccessKeyId, "managementAccessKeyId");
    Objects.requireNonNull(managementSecretAccessKey, "managementSecretAccessKey");
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    if (accountCount < 1) {
      throw new IllegalArgumentException("accountCount must be at least 1 (the management account)");
    }
    if (suspendedCount < 0 || suspendedCount > accountCount - 1) {
      throw new IllegalArgumentException("suspendedCount must be 0..accountCount-1 (the management account stays active)");
    }
    if (regions.isEmpty() || regions.stream().anyMatch(r -> !r.matches("[a-z]{2}(-[a-z]+)+-\\d"))) {
      throw new IllegalArgumentException("regions must be non-empty AWS region names: " + regions);
    }
    if (!(misconfigurationRate >= 0.0 && misconfigurationRate <= 1.0)) {
      throw new IllegalArgumentException("misconfigurationRate must be within [0, 1]");
    }
    if (!roleName.matches("[\\w+=,.@-]{1,64}")) {
      throw new IllegalArgumentException("invalid roleName: " + roleName);
    }
  }

  public static SimulatorOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().port(port).seed(seed).accountCount(accountCount).regions(regions).suspendedCount(suspendedCount)
        .misconfigurationRate(misconfigurationRate).roleName(roleName).externalId(externalId)
        .managementAccessKeyId(managementAccessKeyId).managementSecretAccessKey(managementSecretAccessKey)
        .bindAddress(bindAddress);
  }

  public static final class Builder {
    private int port;
    private long seed = 42L;
    private int accountCount = 12;
    private List<String> regions = List.of("us-east-1", "eu-west-1");
    private int suspendedCount = 2;
    private double misconfigurationRate = 0.2;
    private String roleName = "DriftwatchReadOnly";
    private String externalId;
    private String managementAccessKeyId = DEFAULT_ACCESS_KEY_ID;
    private String managementSecretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
    private String bindAddress = "127.0.0.1";

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder accountCount(int accountCount) {
      this.accountCount = accountCount;
      return this;
    }

    public Builder regions(List<String> regions) {
      this.regions = regions;
      return this;
    }

    public Builder suspendedCount(int suspendedCount) {
      this.suspendedCount = suspendedCount;
      return this;
    }

    public Builder misconfigurationRate(double misconfigurationRate) {
      this.misconfigurationRate = misconfigurationRate;
      return this;
    }

    public Builder roleName(String roleName) {
      this.roleName = roleName;
      return this;
    }

    public Builder externalId(String externalId) {
      this.externalId = externalId;
      return this;
    }

    public Builder managementAccessKeyId(String managementAccessKeyId) {
      this.managementAccessKeyId = managementAccessKeyId;
      return this;
    }

    public Builder managementSecretAccessKey(String managementSecretAccessKey) {
      this.managementSecretAccessKey = managementSecretAccessKey;
      return this;
    }

    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    public SimulatorOptions build() {
      return new SimulatorOptions(port, seed, accountCount, regions, suspendedCount, misconfigurationRate, roleName,
          externalId, managementAccessKeyId, managementSecretAccessKey, bindAddress);
    }
  }
}
