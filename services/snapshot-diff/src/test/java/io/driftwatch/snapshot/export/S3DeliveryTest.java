package io.driftwatch.snapshot.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Delivery through the real AWS SDK S3 client to a fake S3 endpoint (path-style, SigV4-signed). */
@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
@QuarkusTestResource(value = FakeS3.class, restrictToAnnotatedClass = true)
class S3DeliveryTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final Estate e = new Estate(kafka);

    @Test
    void deliversTheSnapshotAsJsonLinesAtAwsConfigKeys() {
        Instant at = Instant.parse("2026-03-04T05:06:07Z");
        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.run("run-s3", at, List.of(e.sg("sg-1", "10.0.0.0/8"), e.instance("i-1", "t3.micro", "prod", "sg-1")),
                    Estate.complete(Estate.SG, Estate.INSTANCE));
            assertThat(changes.await(e::mine, 2, Duration.ofSeconds(30))).hasSize(2);
        }
        FakeS3.PUTS.clear();
        given().contentType(ContentType.JSON).body("{\"bucket\":\"drift-snapshots\",\"prefix\":\"org\"}")
                .post("/api/v1/snapshots/" + e.runId("run-s3") + "/" + e.account + "/deliveries")
                .then().statusCode(201)
                .body("objects", hasSize(1))
                .body("objects[0].bucket", equalTo("drift-snapshots"))
                .body("objects[0].etag", equalTo("\"fake-etag\""));

        assertThat(FakeS3.PUTS).singleElement().satisfies(put -> {
            assertThat(put.path()).startsWith("/drift-snapshots/org/AWSLogs/" + e.account + "/Config/us-east-1/2026/3/4/ConfigSnapshot/"
                    + e.account + "_Config_us-east-1_ConfigSnapshot_20260304T050607Z_").endsWith(".json");
            assertThat(put.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE/")
                    .contains("/us-east-1/s3/aws4_request").contains("Signature=");
            assertThat(put.body().lines().toList()).hasSize(2)
                    .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"accountId\":\"" + e.account + "\""));
        });

        given().contentType(ContentType.JSON).body("{\"bucket\":\"Not_A_Bucket\"}")
                .post("/api/v1/snapshots/" + e.runId("run-s3") + "/" + e.account + "/deliveries")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
