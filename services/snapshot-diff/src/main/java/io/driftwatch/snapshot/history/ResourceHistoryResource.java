package io.driftwatch.snapshot.history;

import io.driftwatch.events.rest.ProblemDetails;
import io.driftwatch.snapshot.ingest.ResourceKey;
import io.driftwatch.snapshot.inventory.InventoryFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

@Path("/api/v1/resources")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceHistoryResource {
    @Inject
    ResourceHistory history;
    @Inject
    Timeline timeline;
    @Inject
    Relationships relationships;

    /** Current resources (not deleted), filtered. */
    @GET
    public Map<String, Object> list(@QueryParam("accountId") String accountId, @QueryParam("region") String region,
                                    @QueryParam("resourceType") String resourceType,
                                    @QueryParam("includeDeleted") boolean includeDeleted) {
        if (resourceType != null && !resourceType.isBlank()) {
            InventoryFilter.requireResourceType("resourceType", resourceType);
        }
        List<Map<String, Object>> items = history.list(accountId, region, resourceType, includeDeleted);
        return Map.of("items", items, "count", items.size());
    }

    /** Every version of one resource, oldest first. */
    @GET
    @Path("/{key}/history")
    public Map<String, Object> history(@PathParam("key") String key) {
        ResourceKey parsed = ResourceKey.parse(key);
        List<Map<String, Object>> versions = history.versions(parsed);
        if (versions.isEmpty()) {
            throw ProblemDetails.notFound("no resource " + parsed);
        }
        return Map.of("key", parsed.toString(), "versions", versions);
    }

    /** Versions with the field changes between consecutive ones, cursor-paginated. */
    @GET
    @Path("/{key}/timeline")
    public io.driftwatch.snapshot.api.Page<Map<String, Object>> timeline(@PathParam("key") String key,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return timeline.timeline(ResourceKey.parse(key), cursor, io.driftwatch.snapshot.api.PageRequest.limit(limit));
    }

    /** Relationships of the current version, both directions (incoming = blast radius). */
    @GET
    @Path("/{key}/relationships")
    public Map<String, Object> relationships(@PathParam("key") String key) {
        return relationships.of(ResourceKey.parse(key));
    }
}
