package io.driftwatch.snapshot.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.snapshot.api.Moments;
import io.driftwatch.snapshot.inventory.InventoryFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsed body of POST /api/v1/baselines:
 * {@code {"scope": {"accountId": "...", "region": "...", "resourceTypes": [...]},
 *        "snapshot": {"runId": "...", "accountId": "..."}}} or {@code "at": "<instant>" | "now"} (default now).
 */
public record BaselineRequest(String accountId, String region, List<String> resourceTypes, String snapshotRunId,
                              String snapshotAccountId, Instant at) {

    public static BaselineRequest parse(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object with scope and snapshot or at");
        }
        JsonNode scope = body.path("scope");
        String account = text(scope, "accountId");
        if (account == null) {
            throw new IllegalArgumentException("scope.accountId is required");
        }
        if (!account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("scope.accountId must be a 12-digit account id, got: " + account);
        }
        List<String> types = new ArrayList<>();
        JsonNode t = scope.path("resourceTypes");
        if (t.isArray()) {
            t.forEach(x -> types.add(InventoryFilter.requireResourceType("scope.resourceTypes", x.asText())));
        } else if (!t.isMissingNode() && !t.isNull()) {
            throw new IllegalArgumentException("scope.resourceTypes must be an array of resource types");
        }
        JsonNode snapshot = body.path("snapshot");
        boolean hasSnapshot = snapshot.isObject();
        boolean hasAt = body.hasNonNull("at");
        if (hasSnapshot && hasAt) {
            throw new IllegalArgumentException("give either snapshot or at, not both");
        }
        if (hasSnapshot) {
            String runId = text(snapshot, "runId");
            String snapAccount = text(snapshot, "accountId");
            if (runId == null) {
                throw new IllegalArgumentException("snapshot.runId is required");
            }
            if (snapAccount != null && !snapAccount.equals(account)) {
                throw new IllegalArgumentException("snapshot.accountId must be the scope's account");
            }
            return new BaselineRequest(account, text(scope, "region"), List.copyOf(types), runId, account, null);
        }
        Instant at = hasAt ? Moments.parseInstant("at", body.get("at").asText(), now) : now;
        if (at.isAfter(now)) {
            throw new IllegalArgumentException("at must not be in the future");
        }
        return new BaselineRequest(account, text(scope, "region"), List.copyOf(types), null, null, at);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
