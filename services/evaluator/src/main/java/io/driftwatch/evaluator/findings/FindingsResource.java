package io.driftwatch.evaluator.findings;

import io.driftwatch.evaluator.compliance.ComplianceState;
import io.driftwatch.evaluator.compliance.ComplianceTransitions;
import io.driftwatch.evaluator.rules.RuleCatalogue;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    /** Open findings (status=open, the default), resolved ones, or all; optionally by account and rule. */
    @GET
    @Path("/findings")
    public Map<String, Object> findings(@QueryParam("status") @DefaultValue("open") String status,
                                        @QueryParam("accountId") String accountId, @QueryParam("ruleId") String ruleId) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        switch (status) {
            case "open" -> {
                query.append(" and compliance = :c");
                params.and("c", ComplianceTransitions.NON_COMPLIANT);
            }
            case "resolved" -> query.append(" and resolvedAt is not null and compliance <> 'NON_COMPLIANT'");
            case "all" -> query.append(" and openedAt is not null");
            default -> throw new IllegalArgumentException("status must be open, resolved or all");
        }
        if (accountId != null) {
            query.append(" and accountId = :a");
            params.and("a", accountId);
        }
        if (ruleId != null) {
            query.append(" and ruleId = :r");
            params.and("r", ruleId);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ComplianceState s : ComplianceState.<ComplianceState>find(query.toString(), Sort.by("openedAt"), params).list()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("findingId", s.findingId);
            f.put("ruleId", s.ruleId);
            f.put("severity", s.severity);
            f.put("compliance", s.compliance);
            f.put("accountId", s.accountId);
            f.put("region", s.awsRegion);
            f.put("resourceType", s.resourceType);
            f.put("resourceId", s.resourceId);
            f.put("arn", s.arn);
            f.put("reason", s.reason);
            f.put("openedAt", s.openedAt);
            f.put("resolvedAt", s.resolvedAt);
            items.add(f);
        }
        return Map.of("items", items, "count", items.size());
    }

    @GET
    @Path("/rules")
    public List<Map<String, Object>> rules() {
        return RuleCatalogue.all().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("title", r.title());
            m.put("description", r.description());
            m.put("severity", r.severity().name());
            m.put("controlArea", r.controlArea());
            m.put("resourceType", r.resourceType());
            return m;
        }).toList();
    }
}
