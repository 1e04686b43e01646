package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Small, null-safe readers for configuration JSON as the collector writes it (AWS Config's lower camel case). */
final class Json {
    private Json() {
    }

    /** True only for JSON {@code true} (or the text "true"): absent, null or anything else is not true. */
    static boolean isTrue(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isBoolean() ? v.booleanValue() : v.isTextual() && v.textValue().equalsIgnoreCase("true");
    }

    /** True only for JSON {@code false} (or the text "false"): absent or null is "unknown", not false. */
    static boolean isFalse(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isBoolean() ? !v.booleanValue() : v.isTextual() && v.textValue().equalsIgnoreCase("false");
    }

    /** Absent, JSON null, or an empty object or array. */
    static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    /** An IAM-style value that may be a single element or a list of them. */
    static Iterable<JsonNode> list(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? node : List.of(node);
    }

    /** A policy document: JSON as the collector keeps it, or JSON text a lister could not decode. */
    static JsonNode document(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return CanonicalJson.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                return CanonicalJson.MAPPER.missingNode();
            }
        }
        return node == null ? CanonicalJson.MAPPER.missingNode() : node;
    }

    static Iterable<JsonNode> statements(JsonNode document) {
        return list(document(document).path("Statement"));
    }

    static boolean contains(JsonNode valueOrList, String value) {
        for (JsonNode v : list(valueOrList)) {
            if (v.isTextual() && v.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Principal {@code "*"}, {@code {"AWS":"*"}} or {@code {"AWS":[..., "*"]}}: anyone at all. */
    static boolean principalIsAnyone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.textValue().equals("*");
        }
        return contains(principal.path("AWS"), "*");
    }

    /** An Allow statement whose principal is anyone (resource and trust policies). */
    static Optional<JsonNode> allowsAnyone(JsonNode document) {
        for (JsonNode s : statements(document)) {
            if ("Allow".equals(s.path("Effect").asText()) && principalIsAnyone(s.get("Principal"))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.textValue().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.textValue()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(v.textValue()).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
