package io.driftwatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The canonical form of a resource configuration: object keys sorted, numbers normalised,
 * timestamps in UTC, declared meaningless fields removed, and lists that AWS returns in arbitrary
 * order sorted by their declared identity. Two configurations that mean the same thing have the
 * same canonical string and therefore the same hash.
 */
public final class CanonicalJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();
    private static final Pattern TIMESTAMP =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$");

    private CanonicalJson() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode canonicalize(String resourceType, JsonNode node) {
        return canonicalize(ResourceTypePolicies.forType(resourceType), node);
    }

    static JsonNode canonicalize(ResourceTypePolicy policy, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NODES.nullNode();
        }
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (policy.isIgnored(field.getKey())) {
                    continue;
                }
                JsonNode value = field.getValue();
                JsonNode canonical = value.isArray()
                        ? canonicalArray(policy, field.getKey(), (ArrayNode) value)
                        : canonicalize(policy, value);
                sorted.put(field.getKey(), canonical);
            }
            ObjectNode out = NODES.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            return canonicalArray(policy, null, (ArrayNode) node);
        }
        if (node.isNumber()) {
            return canonicalNumber(node);
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() >= 16 && TIMESTAMP.matcher(text).matches()) {
                try {
                    return NODES.textNode(OffsetDateTime.parse(normaliseOffset(text)).toInstant().toString());
                } catch (DateTimeParseException e) {
                    return node;
                }
            }
        }
        return node;
    }

    private static String normaliseOffset(String text) {
        // Accept +0000 as well as +00:00.
        int len = text.length();
        if (len > 5 && (text.charAt(len - 5) == '+' || text.charAt(len - 5) == '-') && text.charAt(len - 3) != ':') {
            return text.substring(0, len - 2) + ":" + text.substring(len - 2);
        }
        if (text.chars().filter(c -> c == ':').count() == 1 && text.endsWith("Z")) {
            return text.substring(0, text.length() - 1) + ":00Z";
        }
        return text;
    }

    private static JsonNode canonicalNumber(JsonNode node) {
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        if (value.scale() <= 0 && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            return NODES.numberNode(value.longValueExact());
        }
        return NODES.numberNode(value);
    }

    private static JsonNode canonicalArray(ResourceTypePolicy policy, String fieldName, ArrayNode array) {
        List<JsonNode> elements = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            elements.add(canonicalize(policy, element));
        }
        if (fieldName == null || !policy.isOrdered(fieldName)) {
            List<String> keys = policy.identityKeys(fieldName);
            elements.sort((a, b) -> {
                int byIdentity = identityOf(keys, a).compareTo(identityOf(keys, b));
                return byIdentity != 0 ? byIdentity : toCanonicalString(a).compareTo(toCanonicalString(b));
            });
        }
        ArrayNode out = NODES.arrayNode(elements.size());
        elements.forEach(out::add);
        return out;
    }

    /**
     * The identity of a list element: the declared key fields joined, or the element's canonical
     * string when none are declared (so an undeclared list is compared as a set of values).
     */
    public static String identityOf(List<String> keys, JsonNode element) {
        if (keys.isEmpty() || !element.isObject()) {
            return element.isValueNode() ? element.asText() : toCanonicalString(element);
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                id.append('|');
            }
            JsonNode v = element.get(keys.get(i));
            id.append(v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : toCanonicalString(v));
        }
        return id.toString();
    }

    public static String toCanonicalString(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical JSON string of a configuration given as JSON text. */
    public static String canonicalString(String resourceType, String json) {
        return toCanonicalString(canonicalize(resourceType, parse(json)));
    }

    public static String sha256(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
