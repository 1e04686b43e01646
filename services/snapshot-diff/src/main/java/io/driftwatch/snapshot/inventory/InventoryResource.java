package io.driftwatch.snapshot.inventory;

import io.driftwatch.snapshot.api.Moments;
import io.driftwatch.snapshot.api.Page;
import io.driftwatch.snapshot.api.PageRequest;
import io.driftwatch.snapshot.retention.RetentionSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The organization's inventory at any moment, and the diff between two moments. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {
    @Inject
    StateReader reader;
    @Inject
    DiffService diffs;
    @Inject
    SnapshotCatalog snapshots;
    @Inject
    RetentionSettings retention;

    @GET
    @Path("/inventory")
    public Page<Map<String, Object>> inventory(@QueryParam("at") String at, @QueryParam("accountId") String accountId,
                                               @QueryParam("region") String region,
                                               @QueryParam("resourceType") List<String> resourceTypes,
                                               @QueryParam("tag") String tag, @QueryParam("property") String property,
                                               @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Instant now = Instant.now();
        Instant moment = at == null || at.isBlank() ? now : Moments.parseInstant("at", at, now);
        retention.window().requireInside("at", moment, now);
        InventoryFilter filter = InventoryFilter.of(accountId, region, resourceTypes, tag, property);
        Page<VersionState> page = reader.inventory(moment, filter, cursor, PageRequest.limit(limit));
        return new Page<>(page.items().stream().map(v -> ItemViews.item(v, true)).toList(), page.nextCursor());
    }

    @GET
    @Path("/diff")
    public Page<Map<String, Object>> diff(@QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("accountId") String accountId, @QueryParam("region") String region,
                                          @QueryParam("resourceType") List<String> resourceTypes,
                                          @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Instant now = Instant.now();
        Instant fromAt = snapshots.resolve("from", from, accountId, now);
        Instant toAt = to == null || to.isBlank() ? now : snapshots.resolve("to", to, accountId, now);
        retention.window().requireInside("from", fromAt, now);
        InventoryFilter filter = InventoryFilter.of(accountId, region, resourceTypes, null, null);
        Page<DiffService.Difference> page = diffs.diff(fromAt, toAt, filter, cursor, PageRequest.limit(limit));
        return new Page<>(page.items().stream().map(DiffService.Difference::toJson).toList(), page.nextCursor());
    }
}
