package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 2 (audit trail): trails log, and their log files can be validated. */
public final class CloudTrailRules {
    static final String TRAIL = "AWS::CloudTrail::Trail";
    static final String ACCOUNT = "AWS::::Account";

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

    /**
     * No multi-region trail is logging (the collector's AWS::::Account item): activity in regions
     * without a trail of their own, including ones nobody uses, goes unrecorded.
     */
    public static final class NotAllRegions extends BaseRule {
        public NotAllRegions() {
            super("cloudtrail-not-all-regions", ACCOUNT, Severity.HIGH, "audit-trail",
                    "No multi-region CloudTrail trail is logging",
                    "Without a logging multi-region trail, API activity in regions without a trail of their own,"
                            + " often the unused ones an attacker picks, is not recorded.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            if (Json.isTrue(configuration, "multiRegionTrailLogging")) {
                return Evaluation.pass();
            }
            return Evaluation.fail(configuration.path("multiRegionTrails").isEmpty()
                    ? "the account has no multi-region trail"
                    : "no multi-region trail of the account is logging");
        }
    }
}
