package io.driftwatch.evaluator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.proto.v1.FindingEvent.Severity;
import java.util.ArrayList;
import java.util.List;

/** Shared responsibility 5 (customer data) and 10 (advisor checks) for S3 buckets. */
public final class S3Rules {
    static final String BUCKET = "AWS::S3::Bucket";
    private static final List<String> BLOCK_FLAGS =
            List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets");

    private S3Rules() {
    }

    /** No default encryption configuration (GetBucketEncryption: ServerSideEncryptionConfigurationNotFoundError). */
    public static final class NoDefaultEncryption extends BaseRule {
        public NoDefaultEncryption() {
            super("s3-no-default-encryption", BUCKET, Severity.MEDIUM, "data-at-rest",
                    "S3 bucket has no default encryption",
                    "Objects written without an explicit encryption header are stored unencrypted unless the bucket has"
                            + " a default encryption configuration.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            JsonNode sse = configuration.path("serverSideEncryptionConfiguration");
            return Json.isAbsent(sse) || Json.isAbsent(sse.path("rules"))
                    ? Evaluation.fail("bucket " + Json.text(configuration, "name") + " has no default encryption")
                    : Evaluation.pass();
        }
    }

    /** The bucket's public access block is missing or does not set all four flags. */
    public static final class PublicAccessNotBlocked extends BaseRule {
        public PublicAccessNotBlocked() {
            super("s3-public-access-not-blocked", BUCKET, Severity.HIGH, "advisor",
                    "S3 bucket public access is not fully blocked",
                    "Without all four public access block settings a bucket policy or ACL can make the bucket's data"
                            + " public.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            JsonNode block = configuration.path("publicAccessBlockConfiguration");
            String bucket = Json.text(configuration, "name");
            if (Json.isAbsent(block)) {
                return Evaluation.fail("bucket " + bucket + " has no public access block");
            }
            List<String> off = new ArrayList<>();
            for (String flag : BLOCK_FLAGS) {
                if (!Json.isTrue(block, flag)) {
                    off.add(flag);
                }
            }
            return off.isEmpty() ? Evaluation.pass()
                    : Evaluation.fail("bucket " + bucket + " public access block leaves off " + String.join(", ", off));
        }
    }

    /** No bucket policy statement denies requests over plain HTTP ({@code bucketPolicy.tlsOnly}, set by the collector). */
    public static final class NotTlsOnly extends BaseRule {
        public NotTlsOnly() {
            super("s3-not-tls-only", BUCKET, Severity.MEDIUM, "data-in-transit",
                    "S3 bucket accepts requests without TLS",
                    "A bucket policy must deny every request whose aws:SecureTransport is false, or data can travel in"
                            + " clear text.");
        }

        @Override
        public Evaluation evaluate(JsonNode configuration) {
            return Json.isTrue(configuration.path("bucketPolicy"), "tlsOnly") ? Evaluation.pass()
                    : Evaluation.fail("bucket " + Json.text(configuration, "name")
                            + " has no policy denying requests without TLS (aws:SecureTransport false)");
        }
    }
}
