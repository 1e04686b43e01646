package io.driftwatch.snapshot.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * When the canonical form evolves (a comparison policy gains a list identity or an ignored field),
 * stored hashes no longer match the new canonical text of an unchanged resource. That must not be a
 * new version nor a change event: the current version is re-hashed in place.
 */
@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
class CanonicalFormEvolutionTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final Estate e = new Estate(kafka);

    @Inject
    DataSource dataSource;
    @Inject
    SnapshotIngestor ingestor;

    @Test
    void sameMeaningUnderANewCanonicalFormIsNotAChange() throws Exception {
        String key = e.key(Estate.SG, "sg-e");
        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.run("evo-1", Instant.now().minusSeconds(120), List.of(e.sg("sg-e", "10.0.0.0/8", "172.16.0.0/12")),
                    Estate.complete(Estate.SG));
            assertThat(changes.await(e::mine, 1, Duration.ofSeconds(30))).hasSize(1);
            // Changes are published before their transaction commits: edit the rows only once the run's
            // snapshot is complete, i.e. the item's transaction has committed (else the two UPDATEs
            // below could straddle that commit and leave the resource and its version disagreeing).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get("/api/v1/snapshots/" + e.runId("evo-1") + "/" + e.account).then().statusCode(200)
                            .body("completeness", equalTo("COMPLETE")));

            // Simulate history written under an older canonical form: same meaning, other text and hash.
            try (Connection c = dataSource.getConnection();
                 PreparedStatement r = c.prepareStatement("UPDATE resource SET current_hash = 'old-form' WHERE resource_key = ?");
                 PreparedStatement v = c.prepareStatement("""
                         UPDATE resource_version SET configuration_hash = 'old-form' WHERE resource_pk =
                           (SELECT id FROM resource WHERE resource_key = ?)""")) {
                r.setString(1, key);
                r.executeUpdate();
                v.setString(1, key);
                v.executeUpdate();
            }
            // A writer outside the service: in production a new canonical form comes with a new deployment,
            // which starts with an empty ingest cache.
            ingestor.cache().clear();

            e.run("evo-2", Instant.now().minusSeconds(60), List.of(e.sg("sg-e", "172.16.0.0/12", "10.0.0.0/8")),
                    Estate.complete(Estate.SG));
            // The run completed (its marker follows the item), and no change was published.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get("/api/v1/snapshots/" + e.runId("evo-2") + "/" + e.account).then().statusCode(200)
                            .body("completeness", equalTo("COMPLETE")));
            assertThat(changes.drain(Duration.ofSeconds(2)).stream().filter(e::mine)).hasSize(1);
        }
        String expected = CanonicalJson.sha256(CanonicalJson.canonicalString(Estate.SG,
                e.sg("sg-e", "10.0.0.0/8", "172.16.0.0/12").getConfiguration()));
        given().get("/api/v1/resources/" + key + "/history").then().statusCode(200)
                .body("versions", hasSize(1))
                .body("versions[0].configurationHash", equalTo(expected));
    }
}
