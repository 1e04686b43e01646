package io.driftwatch.snapshot.export;

import io.driftwatch.events.rest.ProblemDetails;
import io.driftwatch.snapshot.inventory.SnapshotCatalog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Delivers a snapshot to S3 through the AWS SDK v2, one JSON Lines object per region at AWS
 * Config's key layout ({@link S3Keys}). Delivery is configured when
 * {@code driftwatch.snapshot.s3.endpoint-override} (an S3-compatible endpoint, addressed
 * path-style) or {@code driftwatch.snapshot.s3.region} (real S3) is set; otherwise 409.
 */
@ApplicationScoped
public class S3Delivery {
    @ConfigProperty(name = "driftwatch.snapshot.s3.endpoint-override")
    Optional<URI> endpointOverride;
    @ConfigProperty(name = "driftwatch.snapshot.s3.region")
    Optional<String> region;
    @ConfigProperty(name = "driftwatch.snapshot.s3.access-key-id")
    Optional<String> accessKeyId;
    @ConfigProperty(name = "driftwatch.snapshot.s3.secret-access-key")
    Optional<String> secretAccessKey;

    @Inject
    SnapshotExporter exporter;

    private volatile S3Client client;

    public boolean configured() {
        return endpointOverride.isPresent() || region.isPresent();
    }

    public List<Map<String, Object>> deliver(SnapshotCatalog.Snapshot snapshot, String bucket, String prefix) {
        if (!configured()) {
            throw new WebApplicationException(ProblemDetails.problem(409, "Conflict",
                    "S3 delivery is not configured: set driftwatch.snapshot.s3.endpoint-override or driftwatch.snapshot.s3.region"));
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("bucket must be a valid S3 bucket name, got: " + bucket);
        }
        String id = S3Keys.snapshotId(snapshot.runId(), snapshot.accountId());
        Map<String, Path> files;
        try {
            files = exporter.writePerRegion(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> delivered = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> f : files.entrySet()) {
                String key = S3Keys.key(prefix, snapshot.accountId(), f.getKey(), snapshot.completedAt(), id);
                PutObjectResponse r = client().putObject(PutObjectRequest.builder().bucket(bucket).key(key)
                        .contentType("application/x-ndjson").build(), RequestBody.fromFile(f.getValue()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bucket", bucket);
                m.put("key", key);
                m.put("region", f.getKey());
                m.put("bytes", size(f.getValue()));
                m.put("etag", r.eTag());
                delivered.add(m);
            }
        } finally {
            files.values().forEach(S3Delivery::deleteQuietly);
        }
        return delivered;
    }

    private S3Client client() {
        S3Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    AwsCredentialsProvider credentials = accessKeyId.isPresent() && secretAccessKey.isPresent()
                            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()))
                            : DefaultCredentialsProvider.builder().build();
                    var b = S3Client.builder()
                            .httpClient(UrlConnectionHttpClient.create())
                            .region(Region.of(region.orElse("us-east-1")))
                            .credentialsProvider(credentials)
                            // Path-style addressing, and plain signed payloads (no aws-chunked encoding, no
                            // checksum trailers) so that any S3-compatible endpoint accepts the PUT.
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                                    .chunkedEncodingEnabled(false).build())
                            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
                    endpointOverride.ifPresent(b::endpointOverride);
                    client = b.build();
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
