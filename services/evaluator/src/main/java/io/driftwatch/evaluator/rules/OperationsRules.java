package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 6 (guest OS patching) and 9 (configuration recording). */
public final class OperationsRules {
    private OperationsRules() {
    }

    /**
     * Patch Manager reports missing, failed or installed-pending-reboot patches. {@code compliant} is
     * the collector's summary of those counts; the counts are read when it is absent.
     */
    public static final class PatchNonCompliant extends BaseRule {
        public PatchNonCompliant() {
            super("ssm-patch-non-compliant", "AWS::SSM::PatchCompliance", Severity.HIGH, "patching",
                    "Managed instance is missing patches",
                    "The guest OS is the customer's to patch: missing, failed or not-yet-rebooted patches leave known"
                            + " vulnerabilities open.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            int missing = configuration.path("missingCount").asInt(0);
            int failed = configuration.path("failedCount").asInt(0);
            int reboot = configuration.path("installedPendingRebootCount").asInt(0);
            boolean compliant = configuration.has("compliant") ? Json.isTrue(configuration, "compliant")
                    : missing == 0 && failed == 0 && reboot == 0;
            return compliant ? Evaluation.pass()
                    : Evaluation.fail("instance " + Json.text(configuration, "instanceId") + " has " + missing + " missing, "
                            + failed + " failed and " + reboot + " pending-reboot patches");
        }
    }

    /** No AWS Config recorder in the region, or one that is stopped ({@code recording} false). */
    public static final class ConfigRecorderOff extends BaseRule {
        public ConfigRecorderOff() {
            super("config-recorder-off", "Driftwatch::Config::RecorderStatus", Severity.MEDIUM, "config",
                    "AWS Config recorder is not recording",
                    "Without a recording AWS Config recorder the region keeps no configuration history of its own.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            if (Json.isTrue(configuration, "recording")) {
                return Evaluation.pass();
            }
            return Evaluation.fail(Json.isFalse(configuration, "recorderExists")
                    ? "no AWS Config recorder exists in this region" : "the AWS Config recorder is stopped");
        }
    }
}
