package io.driftwatch.collector.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.infra.DriftwatchTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Least privilege for Driftwatch itself: a full collection against the simulator records every
 * AWS operation the collector invokes; docs/iam/collector-policy.json must grant exactly those
 * (nothing missing, nothing unused), and the management principal's calls belong to
 * docs/iam/management-policy.json instead.
 */
@QuarkusTest
@TestProfile(PolicyCoverageTest.OwnSimulator.class)
class PolicyCoverageTest {
    /**
     * A collector application and simulator of its own: the recorded operations come from this
     * test's collection only, and the AssumeRole sessions it caches cannot leak into fault tests.
     */
    public static class OwnSimulator implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DriftwatchTestResource.class),
                    new TestResourceEntry(PolicySimulatorResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** Operations made with the management principal's own credentials, not the member role's. */
    private static final Set<String> MANAGEMENT = Set.of("sts:AssumeRole", "organizations:ListAccounts");

    @Test
    void collectorPolicyGrantsExactlyTheOperationsTheCollectorCalls() throws Exception {
        String runId = given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/collections")
                .then().statusCode(202).extract().path("runId");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                "COMPLETED".equals(given().get("/api/v1/collections/" + runId).then().statusCode(200).extract().path("status")));

        Set<String> used = new TreeSet<>();
        Set<String> management = new TreeSet<>();
        for (JsonNode op : admin("/admin/operations")) {
            String action = IamActions.forOperation(op.asText());
            (MANAGEMENT.contains(action) ? management : used).add(action);
        }
        Set<String> granted = actions(policy("collector-policy.json"));
        assertThat(granted).as("collector policy: missing actions").containsAll(used);
        assertThat(used).as("collector policy: granted but never used").containsAll(granted);
        assertThat(actions(policy("management-policy.json"))).containsAll(management);
    }

    @Test
    void s3ActionNamesDifferFromApiNames() {
        assertThat(IamActions.forOperation("s3:ListBuckets")).isEqualTo("s3:ListAllMyBuckets");
        assertThat(IamActions.forOperation("s3:GetBucketEncryption")).isEqualTo("s3:GetEncryptionConfiguration");
        assertThat(IamActions.forOperation("s3:GetPublicAccessBlock")).isEqualTo("s3:GetBucketPublicAccessBlock");
        assertThat(IamActions.forOperation("s3:GetBucketPolicy")).isEqualTo("s3:GetBucketPolicy");
        assertThat(IamActions.forOperation("ec2:DescribeVpcs")).isEqualTo("ec2:DescribeVpcs");
    }

    private static JsonNode policy(String file) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/iam"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/iam above %s", Path.of("").toAbsolutePath()).isNotNull();
        return CanonicalJson.parse(Files.readString(dir.resolve("docs/iam").resolve(file)));
    }

    private static Set<String> actions(JsonNode policy) {
        Set<String> out = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> out.add(a.asText()));
            } else {
                out.add(action.asText());
            }
        }
        return out;
    }

    private static JsonNode admin(String path) throws Exception {
        String endpoint = ConfigProvider.getConfig().getValue("driftwatch.collector.aws.endpoint-override", String.class);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return CanonicalJson.parse(r.body());
    }
}
