package io.driftwatch.snapshot.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.snapshot.api.Page;
import io.driftwatch.snapshot.api.PageRequest;
import io.driftwatch.snapshot.ingest.ResourceKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

/** Baselines: approve a snapshot (or a moment, or now) for a scope, show drift, acknowledge drift items. */
@Path("/api/v1/baselines")
@Produces(MediaType.APPLICATION_JSON)
public class BaselineResource {
    /** Who is acting; the API gateway / auth layer sets it. */
    public static final String USER_HEADER = "X-Driftwatch-User";

    @Inject
    Baselines baselines;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body, @HeaderParam(USER_HEADER) String user) {
        Instant now = Instant.now();
        Baseline b = baselines.create(BaselineRequest.parse(body, now), who(user), now);
        return Response.status(201).entity(b.toJson()).build();
    }

    @GET
    public Page<Map<String, Object>> list(@QueryParam("accountId") String accountId, @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") Integer limit) {
        Page<Baseline> page = baselines.list(accountId, cursor, PageRequest.limit(limit));
        return new Page<>(page.items().stream().map(Baseline::toJson).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return baselines.get(id).toJson();
    }

    @GET
    @Path("/{id}/drift")
    public Page<Map<String, Object>> drift(@PathParam("id") long id, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") Integer limit) {
        return baselines.drift(id, cursor, PageRequest.limit(limit), Instant.now());
    }

    @POST
    @Path("/{id}/drift/{resourceKey}/acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acknowledge(@PathParam("id") long id, @PathParam("resourceKey") String resourceKey, JsonNode body,
                                @HeaderParam(USER_HEADER) String user) {
        String comment = body == null ? null : body.path("comment").asText(null);
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("comment is required");
        }
        return Response.status(201)
                .entity(baselines.acknowledge(id, ResourceKey.parse(resourceKey), comment, who(user), Instant.now())).build();
    }

    static String who(String header) {
        return header == null || header.isBlank() ? "anonymous" : header.trim();
    }
}
