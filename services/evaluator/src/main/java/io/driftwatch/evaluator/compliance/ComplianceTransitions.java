package io.driftwatch.evaluator.compliance;

import io.driftwatch.proto.v1.FindingEvent.Transition;
import java.util.Optional;

/**
 * When a finding event is due. Only transitions are published: a resource that stays
 * non-compliant, or stays compliant, makes no noise.
 */
public final class ComplianceTransitions {
    public static final String COMPLIANT = "COMPLIANT";
    public static final String NON_COMPLIANT = "NON_COMPLIANT";
    /** The resource was deleted: whatever was open about it is resolved. */
    public static final String DELETED = "DELETED";

    private ComplianceTransitions() {
    }

    /**
     * @param previous the stored compliance, or null when the pair was never evaluated
     * @param current  the new compliance
     */
    public static Optional<Transition> between(String previous, String current) {
        boolean wasOpen = NON_COMPLIANT.equals(previous);
        boolean isOpen = NON_COMPLIANT.equals(current);
        if (!wasOpen && isOpen) {
            return Optional.of(Transition.NEW);
        }
        if (wasOpen && !isOpen) {
            return Optional.of(Transition.RESOLVED);
        }
        return Optional.empty();
    }
}
