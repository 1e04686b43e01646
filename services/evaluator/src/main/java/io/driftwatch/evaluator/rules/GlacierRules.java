package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 5 (customer data in Glacier) and 10 (advisor: public resource policies). */
public final class GlacierRules {
    private GlacierRules() {
    }

    /** The vault access policy has an Allow statement for Principal "*" (or {"AWS": "*"}). */
    public static final class VaultPublicPolicy extends BaseRule {
        public VaultPublicPolicy() {
            super("glacier-vault-public-policy", "Driftwatch::Glacier::Vault", Severity.CRITICAL, "advisor",
                    "Glacier vault access policy allows anyone",
                    "An access policy allowing Principal \"*\" lets any AWS account act on the vault's archives.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.allowsAnyone(configuration.path("accessPolicy"))
                    .map(s -> Evaluation.fail("vault " + Json.text(configuration, "vaultName") + " allows anyone"
                            + (s.has("Action") ? " " + s.get("Action") : "")))
                    .orElse(Evaluation.pass());
        }
    }
}
