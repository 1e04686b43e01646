package io.driftwatch.collector.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.collector.iam.PolicyDocuments;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 buckets, recorded in their own region like AWS Config. ListBuckets is asked for one region at
 * a time ({@code bucket-region}), so every bucket falls in exactly one regional listing and
 * deletions are inferred per region from complete listings only. Each bucket's reads go to its
 * region with path-style addressing.
 */
@ApplicationScoped
public class BucketLister implements ResourceLister {
    public static final String TYPE = "AWS::S3::Bucket";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    S3Client s3(String accountId, String region) {
        return clients.regional("s3", accountId, region,
                () -> S3Client.builder().forcePathStyle(true));
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        S3Client s3 = s3(accountId, region);
        for (Bucket bucket : s3.listBucketsPaginator(b -> b.bucketRegion(region).maxBuckets(1000)).buckets()) {
            if (bucket.bucketRegion() != null && !bucket.bucketRegion().equals(region)) {
                continue; // defensive: only this region's buckets belong to this listing
            }
            String name = bucket.name();
            ObjectNode config = CanonicalJson.MAPPER.createObjectNode();
            config.put("name", name);
            config.put("creationDate", bucket.creationDate() == null ? null : bucket.creationDate().toString());
            config.put("bucketRegion", region);
            config.set("serverSideEncryptionConfiguration", orNull(() -> SdkJson.toJson(
                    s3.getBucketEncryption(b -> b.bucket(name)).serverSideEncryptionConfiguration()),
                    "ServerSideEncryptionConfigurationNotFoundError"));
            config.set("publicAccessBlockConfiguration", orNull(() -> SdkJson.toJson(
                    s3.getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration()),
                    "NoSuchPublicAccessBlockConfiguration"));
            JsonNode policy = orNull(() -> PolicyDocuments.decode(s3.getBucketPolicy(b -> b.bucket(name)).policy()),
                    "NoSuchBucketPolicy");
            ObjectNode bucketPolicy = config.putObject("bucketPolicy");
            bucketPolicy.set("policyText", policy);
            bucketPolicy.put("tlsOnly", TlsOnlyPolicy.requiresTls(policy));
            GetBucketVersioningResponse versioning = s3.getBucketVersioning(b -> b.bucket(name));
            config.putObject("versioningConfiguration")
                    .put("status", versioning.status() == null ? "Off" : versioning.statusAsString())
                    .put("mfaDelete", versioning.mfaDeleteAsString());
            GetBucketLoggingResponse logging = s3.getBucketLogging(b -> b.bucket(name));
            ObjectNode log = config.putObject("loggingConfiguration");
            if (logging.loggingEnabled() != null) {
                log.put("destinationBucketName", logging.loggingEnabled().targetBucket());
                log.put("logFilePrefix", logging.loggingEnabled().targetPrefix());
            }
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, name, "arn:aws:s3:::" + name, name, config);
            if (bucket.creationDate() != null) {
                item.setResourceCreationTime(Items.timestamp(bucket.creationDate()));
            }
            sink.accept(item.build());
        }
    }

    /** The read's result, or JSON null when S3 answers with the "not configured" error {@code absentCode}. */
    private static JsonNode orNull(Supplier<JsonNode> read, String absentCode) {
        try {
            return read.get();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && absentCode.equals(e.awsErrorDetails().errorCode())) {
                return CanonicalJson.MAPPER.nullNode();
            }
            throw e;
        }
    }
}
