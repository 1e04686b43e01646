package io.driftwatch.simulator.estate;

import java.time.Instant;

/** A member account of the organization, as Organizations ListAccounts describes it. */
public record Account(String id, String name, String email, Status status, String joinedMethod, Instant joinedTimestamp) {
  public enum Status { ACTIVE, SUSPENDED }

  public boolean active() {
    return status == Status.ACTIVE;
  }
}
