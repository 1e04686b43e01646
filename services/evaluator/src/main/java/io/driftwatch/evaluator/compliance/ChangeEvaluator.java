package io.driftwatch.evaluator.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.driftwatch.evaluator.rules.Rule;
import io.driftwatch.evaluator.rules.RuleCatalogue;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.FindingEvent;
import io.driftwatch.proto.v1.ResourceChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluates every rule of a changed resource's type and records compliance; returns the transitions. */
@ApplicationScoped
public class ChangeEvaluator {

    @Transactional
    public List<FindingEvent> evaluate(ResourceChange change) {
        List<Rule> rules = RuleCatalogue.forType(change.getResourceType());
        if (rules.isEmpty()) {
            return List.of();
        }
        String resourceKey = change.getAccountId() + ":" + change.getAwsRegion() + ":" + change.getResourceType() + ":"
                + change.getResourceId();
        boolean removed = change.getChangeType() == ResourceChange.ChangeType.REMOVED;
        JsonNode configuration = removed ? null : CanonicalJson.parse(change.getItem().getConfiguration());
        Instant now = Instant.now();
        List<FindingEvent> events = new ArrayList<>();
        for (Rule rule : rules) {
            Rule.Evaluation evaluation = removed ? null : rule.evaluate(configuration);
            String compliance = removed ? ComplianceTransitions.DELETED
                    : evaluation.compliant() ? ComplianceTransitions.COMPLIANT : ComplianceTransitions.NON_COMPLIANT;
            Optional<ComplianceState> stored = ComplianceState.find(rule.id(), resourceKey);
            if (stored.isPresent() && stored.get().stateId > change.getConfigurationStateId()) {
                continue; // an older change delivered late: never overwrite newer compliance
            }
            String previous = stored.map(s -> s.compliance).orElse(null);
            if (stored.isEmpty() && removed) {
                continue;
            }
            ComplianceState state = stored.orElseGet(() -> {
                ComplianceState s = new ComplianceState();
                s.ruleId = rule.id();
                s.resourceKey = resourceKey;
                s.findingId = CanonicalJson.sha256(rule.id() + "|" + resourceKey).substring(0, 32);
                s.accountId = change.getAccountId();
                s.awsRegion = change.getAwsRegion();
                s.resourceType = change.getResourceType();
                s.resourceId = change.getResourceId();
                return s;
            });
            Optional<FindingEvent.Transition> transition = ComplianceTransitions.between(previous, compliance);
            state.arn = change.getArn();
            state.compliance = compliance;
            state.severity = rule.severity().name();
            state.evaluatedAt = now;
            state.stateId = change.getConfigurationStateId();
            if (evaluation != null && !evaluation.compliant()) {
                state.reason = evaluation.reason();
            }
            if (transition.isPresent() && transition.get() == FindingEvent.Transition.NEW) {
                state.openedAt = now;
                state.resolvedAt = null;
            } else if (transition.isPresent()) {
                state.resolvedAt = now;
            }
            state.persist();
            transition.ifPresent(t -> events.add(FindingEvent.newBuilder()
                    .setFindingId(state.findingId).setRuleId(rule.id()).setRuleTitle(rule.title())
                    .setTransition(t)
                    .setCompliance(t == FindingEvent.Transition.NEW ? FindingEvent.Compliance.NON_COMPLIANT
                            : removed ? FindingEvent.Compliance.NOT_APPLICABLE : FindingEvent.Compliance.COMPLIANT)
                    .setSeverity(rule.severity()).setControlArea(rule.controlArea())
                    .setAccountId(change.getAccountId()).setAwsRegion(change.getAwsRegion())
                    .setResourceType(change.getResourceType()).setResourceId(change.getResourceId())
                    .setArn(change.getArn())
                    .setReason(t == FindingEvent.Transition.NEW ? state.reason
                            : removed ? "resource deleted" : "resource now compliant")
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                    .setChangeId(change.getChangeId())
                    .build()));
        }
        return events;
    }
}
