package io.driftwatch.snapshot.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Delivery through the real AWS SDK S3 client to the estate simulator's S3 (path-style PutObject,
 * SigV4-verified: a wrong signature would be refused), read back through the simulator's admin API.
 */
@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
@QuarkusTestResource(value = SimulatorS3.class, restrictToAnnotatedClass = true)
class S3DeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final Estate e = new Estate(kafka);

    @Test
    void deliversTheSnapshotAsJsonLinesAtAwsConfigKeys() throws Exception {
        Instant at = Instant.parse("2026-03-04T05:06:07Z");
        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.run("run-s3", at, List.of(e.sg("sg-1", "10.0.0.0/8"), e.instance("i-1", "t3.micro", "prod", "sg-1")),
                    Estate.complete(Estate.SG, Estate.INSTANCE));
            assertThat(changes.await(e::mine, 2, Duration.ofSeconds(30))).hasSize(2);
        }
        String owner = SimulatorS3.simulator.managementAccountId();
        String bucket = null;
        for (JsonNode item : admin("/admin/accounts/" + owner + "/resources").get("configurationItems")) {
            if (item.get("resourceType").asText().equals("AWS::S3::Bucket")) {
                bucket = item.get("resourceId").asText();
                break;
            }
        }
        assertThat(bucket).as("a bucket of the management account").isNotNull();

        String etag = given().contentType(ContentType.JSON).body("{\"bucket\":\"" + bucket + "\",\"prefix\":\"org\"}")
                .post("/api/v1/snapshots/" + e.runId("run-s3") + "/" + e.account + "/deliveries")
                .then().statusCode(201)
                .body("objects", hasSize(1))
                .body("objects[0].bucket", equalTo(bucket))
                .extract().path("objects[0].etag");

        JsonNode stored = admin("/admin/accounts/" + owner + "/s3/" + bucket + "/objects");
        assertThat(stored).hasSize(1);
        JsonNode object = stored.get(0);
        assertThat(object.get("key").asText()).startsWith("org/AWSLogs/" + e.account + "/Config/us-east-1/2026/3/4/ConfigSnapshot/"
                + e.account + "_Config_us-east-1_ConfigSnapshot_20260304T050607Z_").endsWith(".json");
        String body = object.get("body").asText();
        assertThat(body.lines().toList()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"accountId\":\"" + e.account + "\""));
        // S3's ETag of a single-part upload is the body's MD5.
        assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8))) + "\"");

        given().contentType(ContentType.JSON).body("{\"bucket\":\"Not_A_Bucket\"}")
                .post("/api/v1/snapshots/" + e.runId("run-s3") + "/" + e.account + "/deliveries")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static JsonNode admin(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SimulatorS3.simulator.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
