package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** IAM returns policy documents URL-encoded; configurations keep them as JSON, like AWS Config. */
public final class PolicyDocuments {
    private PolicyDocuments() {
    }

    /** The document as JSON; a value that is not JSON after decoding is kept as text rather than lost. */
    public static JsonNode decode(String document) {
        if (document == null) {
            return CanonicalJson.MAPPER.nullNode();
        }
        String text = document.trim().startsWith("{") ? document : urlDecode(document);
        try {
            return CanonicalJson.MAPPER.readTree(text);
        } catch (Exception e) {
            return CanonicalJson.MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static String urlDecode(String s) {
        try {
            // URLDecoder turns '+' into a space; IAM encodes spaces as %20, so a literal '+' must survive.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
