package io.driftwatch.snapshot.baseline;

import io.driftwatch.snapshot.inventory.InventoryFilter;
import io.driftwatch.snapshot.ingest.ResourceKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An approved state: everything in scope (account, optional region and types) as it was at {@code at}. */
public record Baseline(long id, String accountId, String region, List<String> resourceTypes, Instant at,
                       String snapshotRunId, String createdBy, Instant createdAt) {

    /** Built directly, not parsed: a stored scope is read as it was approved, even if parsing has since grown stricter. */
    public InventoryFilter filter() {
        return new InventoryFilter(accountId, region, Set.copyOf(resourceTypes), null, null, null, null);
    }

    public boolean inScope(ResourceKey key) {
        return key.accountId().equals(accountId) && (region == null || region.equals(key.region()))
                && (resourceTypes.isEmpty() || resourceTypes.contains(key.resourceType()));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("accountId", accountId);
        scope.put("region", region);
        scope.put("resourceTypes", resourceTypes);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("scope", scope);
        m.put("at", at.toString());
        m.put("snapshot", snapshotRunId == null ? null : Map.of("runId", snapshotRunId, "accountId", accountId));
        m.put("createdBy", createdBy);
        m.put("createdAt", createdAt.toString());
        return m;
    }
}
