package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 5 (data at rest) and 10 (advisor: public snapshots) for EBS. */
public final class EbsRules {
    private EbsRules() {
    }

    public static final class VolumeUnencrypted extends BaseRule {
        public VolumeUnencrypted() {
            super("ebs-volume-unencrypted", "AWS::EC2::Volume", Severity.MEDIUM, "data-at-rest",
                    "EBS volume is not encrypted",
                    "Data on an unencrypted volume, and every snapshot taken from it, is stored without encryption.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "encrypted") ? Evaluation.pass()
                    : Evaluation.fail("volume " + Json.text(configuration, "volumeId") + " is not encrypted");
        }
    }

    /** createVolumePermission holds group "all" ({@code public}, set by the collector). */
    public static final class SnapshotPublic extends BaseRule {
        public SnapshotPublic() {
            super("ebs-snapshot-public", "AWS::EC2::Snapshot", Severity.CRITICAL, "advisor",
                    "EBS snapshot is public",
                    "Any AWS account can create a volume from a public snapshot and read its data.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "public")
                    ? Evaluation.fail("snapshot " + Json.text(configuration, "snapshotId") + " can be restored by anyone")
                    : Evaluation.pass();
        }
    }

    public static final class SnapshotUnencrypted extends BaseRule {
        public SnapshotUnencrypted() {
            super("ebs-snapshot-unencrypted", "AWS::EC2::Snapshot", Severity.MEDIUM, "data-at-rest",
                    "EBS snapshot is not encrypted",
                    "An unencrypted snapshot stores a copy of the volume's data without encryption.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "encrypted") ? Evaluation.pass()
                    : Evaluation.fail("snapshot " + Json.text(configuration, "snapshotId") + " is not encrypted");
        }
    }

    /** The region's EBS encryption-by-default switch is off (one item per account and region). */
    public static final class EncryptionByDefaultOff extends BaseRule {
        public EncryptionByDefaultOff() {
            super("ebs-encryption-by-default-off", "Driftwatch::EC2::EbsEncryptionByDefault", Severity.MEDIUM, "data-at-rest",
                    "EBS encryption by default is off",
                    "With encryption by default off, every new volume is unencrypted unless whoever creates it asks"
                            + " otherwise.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "ebsEncryptionByDefault") ? Evaluation.pass()
                    : Evaluation.fail("EBS encryption by default is off in this region");
        }
    }
}
