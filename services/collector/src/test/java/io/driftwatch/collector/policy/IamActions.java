package io.driftwatch.collector.policy;

import java.util.Map;

/**
 * Maps an API operation ({@code service:Operation}, the SigV4 signing name and the operation name)
 * to the IAM action that authorises it. They coincide except where AWS named them apart (S3).
 */
final class IamActions {
    private static final Map<String, String> EXCEPTIONS = Map.of(
            "s3:ListBuckets", "s3:ListAllMyBuckets",
            "s3:GetBucketEncryption", "s3:GetEncryptionConfiguration",
            "s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock",
            "s3:GetBucketLocation", "s3:GetBucketLocation",
            "s3:GetBucketTagging", "s3:GetBucketTagging");

    private IamActions() {
    }

    static String forOperation(String operation) {
        return EXCEPTIONS.getOrDefault(operation, operation);
    }
}
