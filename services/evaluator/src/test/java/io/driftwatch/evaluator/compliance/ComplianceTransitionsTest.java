package io.driftwatch.evaluator.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.proto.v1.FindingEvent.Transition;
import org.junit.jupiter.api.Test;

class ComplianceTransitionsTest {
    @Test
    void onlyChangesOfComplianceAreTransitions() {
        assertThat(ComplianceTransitions.between(null, "NON_COMPLIANT")).contains(Transition.NEW);
        assertThat(ComplianceTransitions.between("COMPLIANT", "NON_COMPLIANT")).contains(Transition.NEW);
        assertThat(ComplianceTransitions.between("DELETED", "NON_COMPLIANT")).contains(Transition.NEW);
        assertThat(ComplianceTransitions.between("NON_COMPLIANT", "COMPLIANT")).contains(Transition.RESOLVED);
        assertThat(ComplianceTransitions.between("NON_COMPLIANT", "DELETED")).contains(Transition.RESOLVED);
        assertThat(ComplianceTransitions.between("NON_COMPLIANT", "NON_COMPLIANT")).isEmpty();
        assertThat(ComplianceTransitions.between(null, "COMPLIANT")).isEmpty();
        assertThat(ComplianceTransitions.between("COMPLIANT", "COMPLIANT")).isEmpty();
        assertThat(ComplianceTransitions.between("COMPLIANT", "DELETED")).isEmpty();
    }
}
