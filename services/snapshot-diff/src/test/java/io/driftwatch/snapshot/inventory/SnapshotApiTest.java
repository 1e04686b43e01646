package io.driftwatch.snapshot.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.Relationship;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The REST API over real ingest (broker + PostgreSQL): snapshots, inventory, diff, timeline, baselines. */
@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
class SnapshotApiTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final Estate e = new Estate(kafka);

    @Test
    void relationshipsSnapshotsInventoryDiffTimelineExportAndBaselines() {
        Instant t1 = Instant.now().minus(Duration.ofHours(3));
        Instant t2 = t1.plus(Duration.ofHours(1));
        Instant t3 = t2.plus(Duration.ofHours(1));
        String sg1 = e.key(Estate.SG, "sg-1");
        String i1 = e.key(Estate.INSTANCE, "i-1");
        String i2 = e.key(Estate.INSTANCE, "i-2");
        var all = Estate.complete(Estate.SG, Estate.INSTANCE, Estate.ENI);

        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.run("run-1", t1, List.of(e.sg("sg-1", "10.0.0.0/8"), e.instance("i-1", "t3.micro", "prod", "sg-1"),
                    e.eni("eni-1", "sg-1"), e.instance("i-2", "t3.large", "dev")), all);
            assertThat(changes.await(e::mine, 4, Duration.ofSeconds(30))).hasSize(4);

            // Run 2: SSH opened to the world (listed in another order), i-2 gone.
            e.run("run-2", t2, List.of(e.eni("eni-1", "sg-1"), e.instance("i-1", "t3.micro", "prod", "sg-1"),
                    e.sg("sg-1", "0.0.0.0/0", "10.0.0.0/8")), all);
            List<ResourceChange> second = Estate.decode(changes.await(e::mine, 6, Duration.ofSeconds(30)));
            ResourceChange sgChange = second.stream().filter(c -> c.getResourceId().equals("sg-1")
                    && c.getChangeType() == ResourceChange.ChangeType.MODIFIED).findFirst().orElseThrow();
            assertThat(sgChange.getBlastRadiusList()).extracting(Relationship::getResourceId).containsExactlyInAnyOrder("i-1", "eni-1");
            assertThat(sgChange.getBlastRadiusList()).extracting(Relationship::getName).containsOnly("Is associated with SecurityGroup");
            assertThat(second).filteredOn(c -> c.getChangeType() == ResourceChange.ChangeType.REMOVED)
                    .extracting(ResourceChange::getResourceId).containsExactly("i-2");
        }

        // Relationships, both directions.
        given().get("/api/v1/resources/" + sg1 + "/relationships").then().statusCode(200)
                .body("incoming.resourceId", containsInAnyOrder("i-1", "eni-1"))
                .body("outgoing", hasSize(0));
        given().get("/api/v1/resources/" + i1 + "/relationships").then().statusCode(200)
                .body("outgoing[0].resourceId", equalTo("sg-1"))
                .body("outgoing[0].key", equalTo(sg1))
                .body("outgoing[0].relationshipName", equalTo("Is associated with SecurityGroup"));

        // Snapshots, newest first, paginated, with completeness.
        JsonPath page1 = given().queryParam("accountId", e.account).queryParam("limit", 1).get("/api/v1/snapshots")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", notNullValue())
                .extract().jsonPath();
        assertThat(page1.getString("items[0].runId")).isEqualTo(e.runId("run-2"));
        assertThat(page1.getString("items[0].completeness")).isEqualTo("COMPLETE");
        assertThat(page1.getList("items[0].listings")).hasSize(3);
        given().queryParam("accountId", e.account).queryParam("limit", 1).queryParam("cursor", page1.getString("nextCursor"))
                .get("/api/v1/snapshots").then().statusCode(200)
                .body("items[0].runId", equalTo(e.runId("run-1")));
        given().queryParam("accountId", e.account).queryParam("region", "eu-west-1").get("/api/v1/snapshots")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("accountId", e.account).queryParam("from", t2.minusSeconds(1).toString())
                .get("/api/v1/snapshots").then().statusCode(200).body("items", hasSize(1));

        // A snapshot's inventory, paginated by key.
        String run1 = "/api/v1/snapshots/" + e.runId("run-1") + "/" + e.account;
        JsonPath inv = given().queryParam("limit", 3).get(run1 + "/inventory").then().statusCode(200)
                .body("items", hasSize(3)).extract().jsonPath();
        given().queryParam("limit", 3).queryParam("cursor", inv.getString("nextCursor")).get(run1 + "/inventory")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        given().get("/api/v1/snapshots/" + e.runId("run-2") + "/" + e.account + "/inventory").then().statusCode(200)
                .body("items.resourceId", contains("i-1", "eni-1", "sg-1"));
        given().get("/api/v1/snapshots/nope/" + e.account + "/inventory").then().statusCode(404)
                .contentType("application/problem+json");

        // Diff between two snapshots and between two instants.
        JsonPath diff = given().queryParam("from", e.runId("run-1") + "/" + e.account)
                .queryParam("to", e.runId("run-2") + "/" + e.account).get("/api/v1/diff")
                .then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        assertThat(diff.getString("items.find { it.resourceId == 'sg-1' }.change")).isEqualTo("MODIFIED");
        assertThat(diff.getList("items.find { it.resourceId == 'sg-1' }.fieldChanges.path"))
                .containsExactly("/ipPermissions[tcp|22|22]/ipRanges[0.0.0.0/0]");
        assertThat(diff.getString("items.find { it.resourceId == 'i-2' }.change")).isEqualTo("REMOVED");
        given().queryParam("from", t1.minusSeconds(60).toString()).queryParam("to", t1.plusSeconds(60).toString())
                .queryParam("accountId", e.account).get("/api/v1/diff")
                .then().statusCode(200).body("items", hasSize(4)).body("items.change", contains("ADDED", "ADDED", "ADDED", "ADDED"));
        given().queryParam("from", "garbage").queryParam("accountId", e.account).get("/api/v1/diff")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("from", t2.toString()).queryParam("to", t1.toString()).get("/api/v1/diff")
                .then().statusCode(400).contentType("application/problem+json");

        // Timeline.
        given().get("/api/v1/resources/" + sg1 + "/timeline").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].change", equalTo("ADDED"))
                .body("items[1].change", equalTo("MODIFIED"))
                .body("items[1].fieldChanges[0].path", equalTo("/ipPermissions[tcp|22|22]/ipRanges[0.0.0.0/0]"))
                .body("items[1].fieldChanges[0].kind", equalTo("ADDED"));
        JsonPath tl = given().queryParam("limit", 1).get("/api/v1/resources/" + i2 + "/timeline").then().statusCode(200)
                .body("items", hasSize(1)).extract().jsonPath();
        given().queryParam("limit", 1).queryParam("cursor", tl.getString("nextCursor")).get("/api/v1/resources/" + i2 + "/timeline")
                .then().statusCode(200).body("items[0].change", equalTo("REMOVED")).body("nextCursor", nullValue());

        // Point-in-time inventory with filters.
        Instant between = t1.plus(Duration.ofMinutes(30));
        given().queryParam("at", between.toString()).queryParam("accountId", e.account).queryParam("tag", "env=prod")
                .get("/api/v1/inventory").then().statusCode(200).body("items.resourceId", contains("i-1"));
        given().queryParam("at", between.toString()).queryParam("accountId", e.account)
                .queryParam("property", "/instanceType=t3.large").get("/api/v1/inventory")
                .then().statusCode(200).body("items.resourceId", contains("i-2"));
        given().queryParam("accountId", e.account).queryParam("property", "/instanceType=t3.large").get("/api/v1/inventory")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("accountId", e.account).queryParam("resourceType", Estate.SG)
                .queryParam("property", "/ipPermissions/0/ipRanges/0/cidrIp=0.0.0.0/0").get("/api/v1/inventory")
                .then().statusCode(200).body("items.resourceId", contains("sg-1"));
        given().queryParam("at", t1.minusSeconds(1).toString()).queryParam("accountId", e.account).get("/api/v1/inventory")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("tag", "novalue").get("/api/v1/inventory").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("resourceType", "SecurityGroup").get("/api/v1/inventory").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("AWS::EC2::SecurityGroup"));
        given().queryParam("resourceType", "ec2 instance").get("/api/v1/resources").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("limit", 5000).get("/api/v1/inventory").then().statusCode(400);
        given().queryParam("cursor", "bogus").get("/api/v1/inventory").then().statusCode(400);

        // Export: one AWS-Config-like item per line.
        String ndjson = given().get(run1 + "/export").then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(4);
        JsonPath first = JsonPath.from(lines.get(0));
        assertThat(first.getString("accountId")).isEqualTo(e.account);
        assertThat(first.getString("configurationItemStatus")).isEqualTo("ResourceDiscovered");
        assertThat(ndjson).contains("\"relationshipName\":\"Is associated with SecurityGroup\"");
        // No S3 configured in this profile.
        given().contentType(ContentType.JSON).body("{\"bucket\":\"snapshots\",\"prefix\":\"x\"}").post(run1 + "/deliveries")
                .then().statusCode(409).contentType("application/problem+json");

        // Baseline = snapshot run-1; drift now: sg-1 modified, i-2 removed.
        int id = given().contentType(ContentType.JSON).header("X-Driftwatch-User", "alice")
                .body("{\"scope\":{\"accountId\":\"%s\",\"region\":\"us-east-1\"},\"snapshot\":{\"runId\":\"%s\",\"accountId\":\"%s\"}}"
                        .formatted(e.account, e.runId("run-1"), e.account))
                .post("/api/v1/baselines").then().statusCode(201).body("createdBy", equalTo("alice"))
                .extract().path("id");
        given().get("/api/v1/baselines/" + id + "/drift").then().statusCode(200)
                .body("items.resourceId", contains("i-2", "sg-1"))
                .body("items.acknowledged", contains(false, false));
        given().contentType(ContentType.JSON).header("X-Driftwatch-User", "bob").body("{\"comment\":\"approved change CHG-42\"}")
                .post("/api/v1/baselines/" + id + "/drift/" + sg1 + "/acknowledgements").then().statusCode(201)
                .body("acknowledgedBy", equalTo("bob"));
        given().get("/api/v1/baselines/" + id + "/drift").then().statusCode(200)
                .body("items.find { it.resourceId == 'sg-1' }.acknowledged", equalTo(true))
                .body("items.find { it.resourceId == 'sg-1' }.acknowledgement.comment", equalTo("approved change CHG-42"))
                .body("items.find { it.resourceId == 'sg-1' }.acknowledgement.acknowledgedBy", equalTo("bob"))
                .body("items.find { it.resourceId == 'i-2' }.acknowledged", equalTo(false));
        given().contentType(ContentType.JSON).body("{\"comment\":\"nothing\"}")
                .post("/api/v1/baselines/" + id + "/drift/" + i1 + "/acknowledgements").then().statusCode(409);
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/baselines/" + id + "/drift/" + sg1 + "/acknowledgements").then().statusCode(400);
        given().queryParam("accountId", e.account).get("/api/v1/baselines").then().statusCode(200)
                .body("items.id", contains(id));
        given().get("/api/v1/baselines/999999999").then().statusCode(404).contentType("application/problem+json");

        // sg-1 changes again: the acknowledgement no longer covers it.
        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.run("run-3", t3, List.of(e.eni("eni-1", "sg-1"), e.instance("i-1", "t3.micro", "prod", "sg-1"),
                    e.sg("sg-1", "0.0.0.0/0")), all);
            assertThat(changes.await(e::mine, 1, Duration.ofSeconds(30))).hasSize(1);
        }
        given().get("/api/v1/baselines/" + id + "/drift").then().statusCode(200)
                .body("items.find { it.resourceId == 'sg-1' }.acknowledged", equalTo(false));
    }
}
