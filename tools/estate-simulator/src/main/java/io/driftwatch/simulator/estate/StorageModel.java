package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.Map;

/** S3 buckets and CloudTrail trails. */
public final class StorageModel {
  private StorageModel() {}

  /** Public access block flags; a null block means none configured. */
  public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                  boolean restrictPublicBuckets) {
    public boolean all() {
      return blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets;
    }
  }

  /**
   * A bucket. {@code sseAlgorithm} null means no default encryption configuration; {@code policy}
   * null means no bucket policy; {@code versioning} null means never enabled.
   */
  /** An object written through PutObject (Driftwatch's snapshot delivery); kept whole, in memory. */
  public record S3Object(String bucket, String key, byte[] body, Instant lastModified) {}

  public record Bucket(String name, String region, Instant creationDate, String sseAlgorithm, String kmsKeyId,
                       PublicAccessBlock publicAccessBlock, String policy, String versioning, String logTargetBucket,
                       String logTargetPrefix, Map<String, String> tags) {
    public Bucket {
      tags = Map.copyOf(tags);
    }

    public String arn() {
      return "arn:aws:s3:::" + name;
    }
  }

  /** A trail, recorded in its home region; a multi-region trail also shows in other regions' DescribeTrails. */
  public record Trail(String accountId, String name, String homeRegion, String s3BucketName, boolean multiRegion,
                      boolean includeGlobalServiceEvents, boolean logFileValidation, String kmsKeyId,
                      String cloudWatchLogsLogGroupArn, String cloudWatchLogsRoleArn, boolean logging,
                      boolean organizationTrail) {
    public String arn() {
      return "arn:aws:cloudtrail:" + homeRegion + ":" + accountId + ":trail/" + name;
    }
  }
}
