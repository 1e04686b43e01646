package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 2 (audit trail): trails log, and their log files can be validated. */
public final class CloudTrailRules {
    static final String TRAIL = "AWS::CloudTrail::Trail";

    private CloudTrailRules() {
    }

    /** The trail exists but is not logging (GetTrailStatus IsLogging false). */
    public static final class LoggingOff extends BaseRule {
        public LoggingOff() {
            super("cloudtrail-logging-off", TRAIL, Severity.HIGH, "audit-trail",
                    "CloudTrail trail is not logging",
                    "A stopped trail records nothing: API activity in the account goes unaudited.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "isLogging") ? Evaluation.pass()
                    : Evaluation.fail("trail " + Json.text(configuration, "name") + " is not logging");
        }
    }

    /** Log file integrity validation is off, so tampering with delivered logs cannot be detected. */
    public static final class NoLogFileValidation extends BaseRule {
        public NoLogFileValidation() {
            super("cloudtrail-no-log-validation", TRAIL, Severity.MEDIUM, "audit-trail",
                    "CloudTrail log file validation is disabled",
                    "Without log file validation (digest files), changed or deleted CloudTrail logs cannot be detected.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "logFileValidationEnabled") ? Evaluation.pass()
                    : Evaluation.fail("trail " + Json.text(configuration, "name") + " has log file validation disabled");
        }
    }
}
