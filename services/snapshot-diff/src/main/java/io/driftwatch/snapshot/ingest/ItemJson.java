package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.Relationship;
import java.util.TreeMap;

/** JSON columns of a stored version: tags, supplementary configuration, relationships. */
final class ItemJson {
    private ItemJson() {
    }

    static String tags(ConfigurationItem item) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        new TreeMap<>(item.getTagsMap()).forEach(o::put);
        return o.toString();
    }

    static String supplementary(ConfigurationItem item) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        new TreeMap<>(item.getSupplementaryConfigurationMap()).forEach((k, v) -> o.set(k, CanonicalJson.parse(v)));
        return o.toString();
    }

    static String relationships(ConfigurationItem item) {
        ArrayNode a = CanonicalJson.MAPPER.createArrayNode();
        for (Relationship r : item.getRelationshipsList()) {
            a.addObject().put("name", r.getName()).put("resourceType", r.getResourceType()).put("resourceId", r.getResourceId());
        }
        return a.toString();
    }
}
