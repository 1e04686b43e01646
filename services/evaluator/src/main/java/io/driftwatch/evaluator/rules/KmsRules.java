package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 5 (data at rest): the customer's own KMS keys rotate. */
public final class KmsRules {
    private KmsRules() {
    }

    /**
     * An enabled customer-managed key with automatic rotation off. Keys where AWS answers no rotation
     * status (asymmetric, imported, pending deletion: {@code keyRotationEnabled} null), disabled keys
     * and AWS-managed keys (which rotate by themselves) are not judged.
     */
    public static final class RotationOff extends BaseRule {
        public RotationOff() {
            super("kms-rotation-off", "AWS::KMS::Key", Severity.MEDIUM, "data-at-rest",
                    "KMS key rotation is disabled",
                    "Automatic rotation of an enabled customer-managed key limits how much data one key version protects.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            String manager = Json.text(configuration, "keyManager");
            if (!manager.isEmpty() && !manager.equals("CUSTOMER")) {
                return Evaluation.pass();
            }
            if (!"Enabled".equals(Json.text(configuration, "keyState")) || !Json.isFalse(configuration, "keyRotationEnabled")) {
                return Evaluation.pass();
            }
            return Evaluation.fail("key " + Json.text(configuration, "keyId") + " is enabled with automatic rotation off");
        }
    }
}
