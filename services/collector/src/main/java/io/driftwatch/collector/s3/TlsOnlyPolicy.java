package io.driftwatch.collector.s3;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises the bucket-policy idiom that enforces TLS: a Deny for everyone on all S3 actions
 * when {@code aws:SecureTransport} is false. Partial denies (one action, one principal) do not count,
 * since plain-HTTP requests outside them would still be served.
 */
public final class TlsOnlyPolicy {
    private TlsOnlyPolicy() {
    }

    public static boolean requiresTls(JsonNode policy) {
        if (policy == null || !policy.isObject()) {
            return false;
        }
        for (JsonNode statement : asArray(policy.get("Statement"))) {
            if ("Deny".equals(statement.path("Effect").asText()) && everyone(statement.get("Principal"))
                    && allActions(statement.get("Action")) && insecureTransport(statement.get("Condition"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean everyone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode aws : asArray(principal.get("AWS"))) {
            if (aws.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean allActions(JsonNode action) {
        for (JsonNode a : asArray(action)) {
            if (a.asText().equals("*") || a.asText().equalsIgnoreCase("s3:*")) {
                return true;
            }
        }
        return false;
    }

    /** {@code {"Bool": {"aws:SecureTransport": "false"}}}, also BoolIfExists, boolean or list values. */
    private static boolean insecureTransport(JsonNode condition) {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (String operator : new String[] {"Bool", "BoolIfExists"}) {
            JsonNode block = condition.get(operator);
            if (block == null || !block.isObject()) {
                continue;
            }
            for (var it = block.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equalsIgnoreCase("aws:SecureTransport")) {
                    for (JsonNode v : asArray(e.getValue())) {
                        if (v.asText().equalsIgnoreCase("false")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static Iterable<JsonNode> asArray(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return java.util.List.of();
        }
        return node.isArray() ? node : java.util.List.of(node);
    }
}
