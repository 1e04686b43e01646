package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.List;

/** An IAM user with its optional console password (login profile) and MFA devices. */
public record IamUser(String accountId, String userName, String userId, String path, Instant createDate,
                      Instant passwordLastUsed, LoginProfile loginProfile, List<MfaDevice> mfaDevices) {
  public record LoginProfile(Instant createDate, boolean passwordResetRequired) {}

  public record MfaDevice(String serialNumber, Instant enableDate) {}

  public IamUser {
    mfaDevices = List.copyOf(mfaDevices);
  }

  public String arn() {
    return "arn:aws:iam::" + accountId + ":user" + path + userName;
  }
}
