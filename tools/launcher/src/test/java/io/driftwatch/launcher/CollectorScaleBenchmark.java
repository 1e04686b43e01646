package io.driftwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (run with {@code ./mvnw -o -pl tools/launcher verify -Pbench -Dtest=CollectorScaleBenchmark}):
 * one collector replica inventories a simulated organization of N accounts (default 1,000) × 2
 * regions through the AWS SDK, first without faults, then with 10 % of all AWS calls throttled.
 * Reports items per second, wall time and the collector's peak RSS, and checks that the throttled
 * run still yields a complete inventory. Writes target/benchmarks/collector-scale.md.
 */
@Tag("benchmark")
class CollectorScaleBenchmark {
    private static final int ACCOUNTS = Integer.getInteger("driftwatch.bench.accounts", 1000);

    @Test
    void collectAnOrganization() throws Exception {
        Path work = Files.createTempDirectory("driftwatch-scale");
        Map<String, String> tuning = Map.of(
                "DRIFTWATCH_COLLECTOR_ACCOUNT_CONCURRENCY", System.getProperty("driftwatch.bench.account-concurrency", "128"),
                "DRIFTWATCH_COLLECTOR_LISTING_CONCURRENCY", System.getProperty("driftwatch.bench.listing-concurrency", "512"),
                "DRIFTWATCH_JVM_MAX_HEAP", "1g",
                "JAVA_TOOL_OPTIONS", System.getProperty("driftwatch.bench.collector-jvm-options", ""));
        long generationStart = System.nanoTime();
        try (Stack stack = Stack.start(Stack.Options.ephemeral(Launcher.repositoryRoot(), work,
                        SimulatorOptions.builder().seed(1000).accountCount(ACCOUNTS).suspendedCount(Math.max(1, ACCOUNTS / 100)).build())
                .withCollectors(1, tuning).withOnly(Set.of("collector")), m -> System.out.println("[scale] " + m))) {
            double startupSeconds = (System.nanoTime() - generationStart) / 1e9;
            StackClient client = new StackClient(stack);
            JsonNode counts = client.admin("GET", "/admin/estate", null).get("resourceCounts");

            Run clean = run(client, stack);
            client.admin("POST", "/admin/faults", "{\"throttle\":{\"account\":\"*\",\"region\":\"*\",\"action\":\"*\",\"rate\":0.1}}");
            Run throttled = run(client, stack);
            client.admin("DELETE", "/admin/faults", null);

            assertThat(clean.failures).isEmpty();
            assertThat(throttled.failures).as("10 %% throttling must be absorbed by retries").isEmpty();
            assertThat(throttled.items).isEqualTo(clean.items);
            assertThat(throttled.accountsDone).isEqualTo(clean.accountsDone);

            String report = """
                    # Collector at organization scale

                    Command: `./mvnw -o -pl tools/launcher verify -Pbench -Dtest=CollectorScaleBenchmark`
                    (after `./mvnw install -DskipTests`; `-Ddriftwatch.bench.accounts=N` changes the size).
                    One collector replica (account concurrency %s, listing concurrency %s, -Xmx1g), Kafka broker and
                    PostgreSQL on this machine; the estate simulator runs in the benchmark JVM on the same 2 cores.
                    Organization: %d accounts (%d suspended) x 2 regions, simulator resource counts %s.

                    | run | accounts collected | items | wall time | items/s | AWS calls | calls/s | collector peak RSS | failed listings |
                    |---|---|---|---|---|---|---|---|---|
                    | no faults | %d | %d | %.1f s | %.0f | %d | %.0f | %d MiB | %s |
                    | 10 %% of AWS calls throttled | %d | %d | %.1f s | %.0f | %d | %.0f | %d MiB | %s |

                    Stack start-up (organization generation, broker, PostgreSQL, collector): %.1f s.
                    """.formatted(tuning.get("DRIFTWATCH_COLLECTOR_ACCOUNT_CONCURRENCY"),
                    tuning.get("DRIFTWATCH_COLLECTOR_LISTING_CONCURRENCY"), ACCOUNTS, Math.max(1, ACCOUNTS / 100), counts,
                    clean.accountsDone, clean.items, clean.seconds, clean.items / clean.seconds, clean.awsCalls,
                    clean.awsCalls / clean.seconds, clean.peakRssMiB, clean.failures,
                    throttled.accountsDone, throttled.items, throttled.seconds, throttled.items / throttled.seconds,
                    throttled.awsCalls, throttled.awsCalls / throttled.seconds, throttled.peakRssMiB, throttled.failures,
                    startupSeconds);
            Path out = Path.of("target/benchmarks/collector-scale.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    private record Run(int accountsDone, long items, double seconds, long peakRssMiB, String failures, long awsCalls) {
    }

    private static Run run(StackClient client, Stack stack) throws Exception {
        long callsBefore = client.admin("GET", "/admin/stats", null).get("awsRequests").asLong();
        long start = System.nanoTime();
        String runId = client.api("POST", "/collections", "{}").get("runId").asText();
        JsonNode progress;
        while (true) {
            progress = client.api("GET", "/collections/" + runId, null);
            if (progress.get("status").asText().equals("COMPLETED")) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(progress.get("accountsDone").asInt(), progress.get("itemsCollected").asLong(), seconds,
                peakRssMiB(stack.pid("collector")), progress.get("failuresByReason").toString().replace("{}", ""),
                client.admin("GET", "/admin/stats", null).get("awsRequests").asLong() - callsBefore);
    }

    /** VmHWM: the process's peak resident set size (Linux). */
    static long peakRssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
