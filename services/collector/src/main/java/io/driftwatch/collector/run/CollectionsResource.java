package io.driftwatch.collector.run;

import io.driftwatch.events.rest.ProblemDetails;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

@Path("/api/v1/collections")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionsResource {
    @Inject
    CollectionStarter starter;
    @Inject
    CollectionRuns runs;

    /** What to collect; every field is optional (default: every active account, configured region and type). */
    public record CollectionCommand(List<String> accountIds, List<String> regions, List<String> resourceTypes) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(CollectionCommand command) {
        CollectionCommand c = command == null ? new CollectionCommand(null, null, null) : command;
        CollectionStarter.Started started = starter.start("api", orEmpty(c.accountIds()), orEmpty(c.regions()),
                orEmpty(c.resourceTypes()));
        return Response.accepted(Map.of("runId", started.runId(), "accountIds", started.accountIds(),
                        "regions", started.regions(), "resourceTypes", started.resourceTypes()))
                .location(URI.create("/api/v1/collections/" + started.runId())).build();
    }

    @GET
    @Path("/{runId}")
    public Map<String, Object> progress(@PathParam("runId") String runId) {
        return runs.progress(runId).orElseThrow(() -> ProblemDetails.notFound("no collection run " + runId));
    }

    @GET
    public Map<String, Object> recent() {
        return Map.of("items", runs.recentRunIds(50));
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
