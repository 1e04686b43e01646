package io.driftwatch.events.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every REST error of every service as RFC 9457 {@code application/problem+json}. Bad input
 * ({@link IllegalArgumentException}) is a 400 with the reason; unexpected errors are a 500 whose
 * body never carries internal details.
 */
@Provider
public class ProblemDetails implements ExceptionMapper<Exception> {
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String detail = exception instanceof NotFoundException && web.getMessage() != null
                    && web.getMessage().startsWith("HTTP 404") ? "no such resource" : web.getMessage();
            return problem(status, Response.Status.fromStatusCode(status) == null
                    ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), detail);
        }
        if (exception instanceof IllegalArgumentException
                || exception instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return problem(400, "Bad Request", exception.getMessage());
        }
        org.jboss.logging.Logger.getLogger(ProblemDetails.class).error("unhandled error", exception);
        return problem(500, "Internal Server Error", "unexpected error; see the service log");
    }

    public static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    /** Thrown by resources for a missing entity: a 404 problem with a precise detail. */
    public static WebApplicationException notFound(String detail) {
        return new WebApplicationException(detail, problem(404, "Not Found", detail));
    }
}
