package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** A check of one resource type's configuration against the customer's side of the shared responsibility model. */
public interface Rule {
    String id();

    String title();

    String description();

    Severity severity();

    /** The shared-responsibility area the rule belongs to, e.g. "network" or "iam". */
    String controlArea();

    String resourceType();

    /** Evaluates a resource's canonical configuration. */
    Evaluation evaluate(JsonNode configuration);

    record Evaluation(boolean compliant, String reason) {
        public static Evaluation pass() {
            return new Evaluation(true, "");
        }

        public static Evaluation fail(String reason) {
            return new Evaluation(false, reason);
        }
    }
}
