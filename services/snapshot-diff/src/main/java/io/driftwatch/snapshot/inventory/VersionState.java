package io.driftwatch.snapshot.inventory;

import java.time.Instant;

/** One stored version of a resource, as read for point-in-time answers. JSON columns stay text. */
public record VersionState(String key, String accountId, String region, String resourceType, String resourceId, String arn,
                           String resourceName, long stateId, String status, String hash, String configuration,
                           String supplementary, String tags, String relationships, String availabilityZone,
                           Instant resourceCreatedAt, Instant validFrom, Instant validTo, String runId) {

    public boolean present() {
        return !"ResourceDeleted".equals(status);
    }
}
