package io.driftwatch.snapshot.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.snapshot.diff.StateDiff;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of stored versions: the API's item and the AWS-Config-like exported item. */
public final class ItemViews {
    private ItemViews() {
    }

    /** Inventory / timeline item. */
    public static Map<String, Object> item(VersionState v, boolean withConfiguration) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", v.key());
        m.put("accountId", v.accountId());
        m.put("awsRegion", v.region());
        m.put("resourceType", v.resourceType());
        m.put("resourceId", v.resourceId());
        m.put("arn", v.arn());
        m.put("resourceName", v.resourceName());
        m.put("configurationStateId", v.stateId());
        m.put("configurationItemStatus", v.status());
        m.put("configurationHash", v.hash());
        m.put("validFrom", v.validFrom() == null ? null : v.validFrom().toString());
        m.put("validTo", v.validTo() == null ? null : v.validTo().toString());
        m.put("runId", v.runId());
        if (withConfiguration) {
            m.put("availabilityZone", v.availabilityZone());
            m.put("tags", json(v.tags()));
            m.put("relationships", json(v.relationships()));
            m.put("configuration", json(v.configuration()));
            m.put("supplementaryConfiguration", json(v.supplementary()));
        }
        return m;
    }

    public static StateDiff.Side side(VersionState v) {
        return v == null || !v.present() ? StateDiff.Side.ABSENT : new StateDiff.Side(true, v.hash(), v.configuration(), v.stateId());
    }

    /**
     * An item shaped like AWS Config's configuration item (version 1.3) as it appears in a
     * configuration snapshot file, one per line in exports.
     */
    public static ObjectNode awsConfigItem(VersionState v) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("version", "1.3");
        o.put("accountId", v.accountId());
        o.put("configurationItemCaptureTime", v.validFrom() == null ? null : v.validFrom().toString());
        o.put("configurationItemStatus", v.status());
        o.put("configurationStateId", Long.toString(v.stateId()));
        o.put("configurationStateMd5Hash", "");
        o.put("configurationHash", v.hash());
        o.put("arn", v.arn());
        o.put("resourceType", v.resourceType());
        o.put("resourceId", v.resourceId());
        o.put("resourceName", v.resourceName());
        o.put("awsRegion", v.region());
        o.put("availabilityZone", v.availabilityZone() == null ? "Not Applicable" : v.availabilityZone());
        o.put("resourceCreationTime", v.resourceCreatedAt() == null ? null : v.resourceCreatedAt().toString());
        JsonNode tags = json(v.tags());
        o.set("tags", tags == null ? CanonicalJson.MAPPER.createObjectNode() : tags);
        o.putArray("relatedEvents");
        ArrayNode rels = o.putArray("relationships");
        JsonNode stored = json(v.relationships());
        if (stored != null) {
            for (JsonNode r : stored) {
                rels.addObject().put("resourceType", r.path("resourceType").asText())
                        .put("resourceId", r.path("resourceId").asText())
                        .put("relationshipName", r.path("name").asText());
            }
        }
        JsonNode config = json(v.configuration());
        o.set("configuration", config == null ? CanonicalJson.MAPPER.nullNode() : config);
        JsonNode supp = json(v.supplementary());
        o.set("supplementaryConfiguration", supp == null ? CanonicalJson.MAPPER.createObjectNode() : supp);
        return o;
    }

    static JsonNode json(String text) {
        return text == null ? null : CanonicalJson.parse(text);
    }
}
