package io.driftwatch.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.events.CanonicalJson;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Turns any AWS SDK v2 model object into JSON the way AWS Config writes configurations: member
 * names in lower camel case ({@code IpPermissions} becomes {@code ipPermissions}), timestamps in
 * ISO-8601, absent members left out. Driven by the SDK's own field metadata, so every service
 * model is covered without hand-written mappers.
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = CanonicalJson.MAPPER.getNodeFactory();

    private SdkJson() {
    }

    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null) {
                continue;
            }
            if (value instanceof Collection<?> c && c.isEmpty()
                    && c.getClass().getName().contains("DefaultSdkAutoConstruct")) {
                continue; // the member was absent on the wire
            }
            if (value instanceof Map<?, ?> m && m.isEmpty() && m.getClass().getName().contains("DefaultSdkAutoConstruct")) {
                continue;
            }
            out.set(camel(field.memberName()), node(value));
        }
        return out;
    }

    private static JsonNode node(Object value) {
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode array = NODES.arrayNode();
            collection.forEach(v -> array.add(v == null ? NODES.nullNode() : node(v)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), v == null ? NODES.nullNode() : node(v)));
            return object;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(BigDecimal.valueOf(((Number) value).doubleValue()));
        }
        if (value instanceof SdkBytes || value instanceof ByteBuffer) {
            return NODES.textNode("(binary omitted)");
        }
        return NODES.textNode(String.valueOf(value));
    }

    static String camel(String memberName) {
        if (memberName == null || memberName.isEmpty()) {
            return memberName;
        }
        // Leading acronyms stay together in AWS Config's naming: "VpcId" -> "vpcId", "IPv6" -> "iPv6" is rare; keep simple.
        return Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    }
}
