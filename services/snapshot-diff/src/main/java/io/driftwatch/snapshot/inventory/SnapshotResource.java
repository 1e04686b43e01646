package io.driftwatch.snapshot.inventory;

import io.driftwatch.snapshot.api.Moments;
import io.driftwatch.snapshot.api.Page;
import io.driftwatch.snapshot.api.PageRequest;
import io.driftwatch.snapshot.export.S3Delivery;
import io.driftwatch.snapshot.export.SnapshotExporter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Snapshots (one run's collection of one account): list, inventory, JSON Lines export, S3 delivery. */
@Path("/api/v1/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {
    @Inject
    SnapshotCatalog catalog;
    @Inject
    StateReader reader;
    @Inject
    SnapshotExporter exporter;
    @Inject
    S3Delivery delivery;

    public record DeliveryRequest(String bucket, String prefix) {
    }

    @GET
    public Page<Map<String, Object>> list(@QueryParam("accountId") String accountId, @QueryParam("region") String region,
                                          @QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Instant now = Instant.now();
        Instant fromAt = from == null ? null : Moments.parseInstant("from", from, now);
        Instant toAt = to == null ? null : Moments.parseInstant("to", to, now);
        Page<SnapshotCatalog.Snapshot> page = catalog.list(accountId, region, fromAt, toAt, cursor, PageRequest.limit(limit));
        return new Page<>(page.items().stream().map(SnapshotCatalog.Snapshot::toJson).toList(), page.nextCursor());
    }

    @GET
    @Path("/{runId}/{accountId}")
    public Map<String, Object> get(@PathParam("runId") String runId, @PathParam("accountId") String accountId) {
        return catalog.get(runId, accountId).toJson();
    }

    /** Resources of the account valid at the snapshot's completion. */
    @GET
    @Path("/{runId}/{accountId}/inventory")
    public Page<Map<String, Object>> inventory(@PathParam("runId") String runId, @PathParam("accountId") String accountId,
                                               @QueryParam("region") String region,
                                               @QueryParam("resourceType") List<String> resourceTypes,
                                               @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        SnapshotCatalog.Snapshot s = catalog.completed(runId, accountId);
        InventoryFilter filter = InventoryFilter.of(accountId, region, resourceTypes, null, null);
        Page<VersionState> page = reader.inventory(s.completedAt(), filter, cursor, PageRequest.limit(limit));
        return new Page<>(page.items().stream().map(v -> ItemViews.item(v, true)).toList(), page.nextCursor());
    }

    @GET
    @Path("/{runId}/{accountId}/export")
    @Produces("application/x-ndjson")
    public Response export(@PathParam("runId") String runId, @PathParam("accountId") String accountId) {
        SnapshotCatalog.Snapshot s = catalog.completed(runId, accountId);
        StreamingOutput body = out -> exporter.write(s, out);
        return Response.ok(body, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"" + accountId + "_" + runId + ".jsonl\"").build();
    }

    @POST
    @Path("/{runId}/{accountId}/deliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deliver(@PathParam("runId") String runId, @PathParam("accountId") String accountId,
                            DeliveryRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("body {\"bucket\": \"...\", \"prefix\": \"...\"} is required");
        }
        SnapshotCatalog.Snapshot s = catalog.completed(runId, accountId);
        List<Map<String, Object>> objects = delivery.deliver(s, request.bucket(), request.prefix());
        return Response.status(201).entity(Map.of("runId", runId, "accountId", accountId, "objects", objects)).build();
    }
}
