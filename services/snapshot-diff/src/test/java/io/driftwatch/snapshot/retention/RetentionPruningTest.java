package io.driftwatch.snapshot.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Pruning with the default P400D window keeps every point-in-time read inside the window working. */
@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
class RetentionPruningTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final Estate e = new Estate(kafka);

    @Inject
    Pruner pruner;

    @Test
    void pruningKeepsTheStateInForceInsideTheWindow() {
        Instant now = Instant.now();
        Instant t1 = now.minus(Duration.ofDays(500));
        Instant t2 = now.minus(Duration.ofDays(450));
        Instant t3 = now.minus(Duration.ofDays(10));
        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.run("old-1", t1, List.of(e.sg("sg-9", "10.0.0.0/8"), e.instance("i-9", "t3.micro", "prod")),
                    Estate.complete(Estate.SG, Estate.INSTANCE));
            // sg-9 changes (its first version ends before the cutoff); i-9 is deleted before the cutoff.
            e.run("old-2", t2, List.of(e.sg("sg-9", "0.0.0.0/0")), Estate.complete(Estate.SG, Estate.INSTANCE));
            e.run("recent", t3, List.of(e.sg("sg-9", "0.0.0.0/0"), e.sg("sg-10", "10.0.0.0/8")),
                    Estate.complete(Estate.SG, Estate.INSTANCE));
            assertThat(changes.await(e::mine, 5, Duration.ofSeconds(30))).hasSize(5);
        }
        Instant inside = now.minus(Duration.ofDays(399));
        given().queryParam("at", inside.toString()).queryParam("accountId", e.account).get("/api/v1/inventory")
                .then().statusCode(200).body("items.resourceId", contains("sg-9"));

        Map<String, Long> pruned = pruner.prune(Instant.now());
        assertThat(pruned.get("versions")).isGreaterThanOrEqualTo(2); // sg-9 v1, i-9 v1
        assertThat(pruned.get("tombstones")).isGreaterThanOrEqualTo(1);
        assertThat(pruned.get("snapshots")).isGreaterThanOrEqualTo(2);

        // Reads inside the window are unchanged.
        given().queryParam("at", inside.toString()).queryParam("accountId", e.account).get("/api/v1/inventory")
                .then().statusCode(200).body("items.resourceId", contains("sg-9"))
                .body("items[0].configuration.ipPermissions[0].ipRanges[0].cidrIp", equalTo("0.0.0.0/0"));
        given().queryParam("accountId", e.account).get("/api/v1/inventory")
                .then().statusCode(200).body("items.resourceId", contains("sg-10", "sg-9"));
        given().queryParam("from", inside.toString()).queryParam("accountId", e.account).get("/api/v1/diff")
                .then().statusCode(200).body("items.resourceId", contains("sg-10"));
        // Pruned history is gone, and reads before the window are refused.
        given().get("/api/v1/resources/" + e.key(Estate.SG, "sg-9") + "/history").then().statusCode(200)
                .body("versions", hasSize(1)).body("versions[0].configurationStateId", equalTo(2));
        given().get("/api/v1/resources/" + e.key(Estate.INSTANCE, "i-9") + "/history").then().statusCode(404);
        given().queryParam("accountId", e.account).get("/api/v1/snapshots").then().statusCode(200)
                .body("items.runId", contains(e.runId("recent")));
        given().queryParam("at", now.minus(Duration.ofDays(401)).toString()).get("/api/v1/inventory")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
