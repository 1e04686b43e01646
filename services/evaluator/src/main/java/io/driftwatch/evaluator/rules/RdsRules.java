package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/**
 * Shared responsibility 5 (data at rest: an encrypted RDS instance's replicas and snapshots are
 * encrypted too) and 10 (advisor: public instances and snapshots).
 */
public final class RdsRules {
    static final String INSTANCE = "AWS::RDS::DBInstance";
    static final String SNAPSHOT = "AWS::RDS::DBSnapshot";

    private RdsRules() {
    }

    public static final class InstanceUnencrypted extends BaseRule {
        public InstanceUnencrypted() {
            super("rds-instance-unencrypted", INSTANCE, Severity.HIGH, "data-at-rest",
                    "RDS DB instance storage is not encrypted",
                    "The instance's storage, automated backups, read replicas and snapshots are all unencrypted; RDS"
                            + " cannot encrypt an existing instance in place.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "storageEncrypted") ? Evaluation.pass()
                    : Evaluation.fail("DB instance " + Json.text(configuration, "dBInstanceIdentifier") + " is not encrypted");
        }
    }

    public static final class InstancePublic extends BaseRule {
        public InstancePublic() {
            super("rds-instance-public", INSTANCE, Severity.HIGH, "advisor",
                    "RDS DB instance is publicly accessible",
                    "A publicly accessible instance gets a public DNS address reachable from the internet wherever its"
                            + " security groups allow.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "publiclyAccessible")
                    ? Evaluation.fail("DB instance " + Json.text(configuration, "dBInstanceIdentifier") + " is publicly accessible")
                    : Evaluation.pass();
        }
    }

    public static final class SnapshotUnencrypted extends BaseRule {
        public SnapshotUnencrypted() {
            super("rds-snapshot-unencrypted", SNAPSHOT, Severity.MEDIUM, "data-at-rest",
                    "RDS DB snapshot is not encrypted",
                    "An unencrypted snapshot stores a copy of the database without encryption.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "encrypted") ? Evaluation.pass()
                    : Evaluation.fail("DB snapshot " + Json.text(configuration, "dBSnapshotIdentifier") + " is not encrypted");
        }
    }

    /** The snapshot's restore attribute holds "all" ({@code public}, set by the collector). */
    public static final class SnapshotPublic extends BaseRule {
        public SnapshotPublic() {
            super("rds-snapshot-public", SNAPSHOT, Severity.CRITICAL, "advisor",
                    "RDS DB snapshot is public",
                    "Any AWS account can restore a public snapshot into a database of its own and read the data.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "public")
                    ? Evaluation.fail("DB snapshot " + Json.text(configuration, "dBSnapshotIdentifier") + " can be restored by anyone")
                    : Evaluation.pass();
        }
    }

    public static final class ClusterUnencrypted extends BaseRule {
        public ClusterUnencrypted() {
            super("rds-cluster-unencrypted", "AWS::RDS::DBCluster", Severity.HIGH, "data-at-rest",
                    "RDS DB cluster storage is not encrypted",
                    "The cluster volume, its member instances and snapshots are unencrypted.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "storageEncrypted") ? Evaluation.pass()
                    : Evaluation.fail("DB cluster " + Json.text(configuration, "dBClusterIdentifier") + " is not encrypted");
        }
    }
}
