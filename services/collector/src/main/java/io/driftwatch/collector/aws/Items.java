package io.driftwatch.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.Relationship;
import java.time.Instant;

/** Builds configuration items with canonical configuration and hash. */
public final class Items {
    private Items() {
    }

    public static ConfigurationItem.Builder item(String accountId, String region, String type, String id, String arn,
                                                 String name, JsonNode configuration) {
        String canonical = CanonicalJson.toCanonicalString(CanonicalJson.canonicalize(type, configuration));
        return ConfigurationItem.newBuilder()
                .setAccountId(accountId).setAwsRegion(region).setResourceType(type).setResourceId(id)
                .setArn(arn == null ? "" : arn).setResourceName(name == null ? "" : name)
                .setCaptureTime(timestamp(Instant.now()))
                .setStatus(ConfigurationItem.Status.OK)
                .setConfiguration(canonical)
                .setConfigurationHash(CanonicalJson.sha256(canonical));
    }

    public static Relationship relationship(String name, String type, String id) {
        return Relationship.newBuilder().setName(name).setResourceType(type).setResourceId(id).build();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
