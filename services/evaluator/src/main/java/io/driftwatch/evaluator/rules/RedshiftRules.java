package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;

/** Shared responsibility 5 (data at rest and in transit) and 10 (advisor) for Redshift clusters. */
public final class RedshiftRules {
    static final String CLUSTER = "AWS::Redshift::Cluster";

    private RedshiftRules() {
    }

    public static final class ClusterUnencrypted extends BaseRule {
        public ClusterUnencrypted() {
            super("redshift-cluster-unencrypted", CLUSTER, Severity.HIGH, "data-at-rest",
                    "Redshift cluster is not encrypted",
                    "The cluster's data blocks, metadata and snapshots are stored without encryption.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "encrypted") ? Evaluation.pass()
                    : Evaluation.fail("cluster " + Json.text(configuration, "clusterIdentifier") + " is not encrypted");
        }
    }

    public static final class ClusterPublic extends BaseRule {
        public ClusterPublic() {
            super("redshift-cluster-public", CLUSTER, Severity.HIGH, "advisor",
                    "Redshift cluster is publicly accessible",
                    "A publicly accessible cluster can be reached from the internet wherever its security groups allow.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "publiclyAccessible")
                    ? Evaluation.fail("cluster " + Json.text(configuration, "clusterIdentifier") + " is publicly accessible")
                    : Evaluation.pass();
        }
    }

    /** {@code requireSsl}: the require_ssl parameter of the cluster's parameter group (false in AWS's default group). */
    public static final class RequireSslOff extends BaseRule {
        public RequireSslOff() {
            super("redshift-require-ssl-off", CLUSTER, Severity.MEDIUM, "data-in-transit",
                    "Redshift cluster does not require SSL",
                    "Unless the parameter group sets require_ssl, clients may connect and move data without TLS.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration, "requireSsl") ? Evaluation.pass()
                    : Evaluation.fail("cluster " + Json.text(configuration, "clusterIdentifier")
                            + " does not require SSL (require_ssl is not true in its parameter group)");
        }
    }
}
