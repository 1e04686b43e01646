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

            // Warm the simulator and this JVM first, so neither measure pays the other's JIT warm-up.
            SdkCallCost.Result sdk = SdkCallCost.measure(stack.simulator(), 16, 10_000, 20_000);
            // The first collection after the collector starts pays its JIT warm-up; a deployed
            // collector stays up between scheduled collections, so the second one is the steady state.
            Run cold = run(client, stack);
            Run clean = run(client, stack);
            client.admin("POST", "/admin/faults", "{\"throttle\":{\"account\":\"*\",\"region\":\"*\",\"action\":\"*\",\"rate\":0.1}}");
            Run throttled = run(client, stack);
            client.admin("DELETE", "/admin/faults", null);

            assertThat(cold.failures).isEmpty();
            assertThat(clean.failures).isEmpty();
            assertThat(throttled.failures).as("10 %% throttling must be absorbed by retries").isEmpty();
            assertThat(clean.items).isEqualTo(cold.items);
            assertThat(throttled.items).isEqualTo(clean.items);
            assertThat(throttled.accountsDone).isEqualTo(clean.accountsDone);

            Map<String, Run> runs = new java.util.LinkedHashMap<>();
            runs.put("first collection after start (cold JIT), no faults", cold);
            runs.put("second collection, no faults", clean);
            runs.put("third collection, 10 % of AWS calls throttled", throttled);
            StringBuilder results = new StringBuilder();
            StringBuilder cpu = new StringBuilder();
            runs.forEach((name, r) -> {
                results.append("| %s | %d | %d | %.1f s | %.0f | %d | %.0f | %d MiB | %s |%n".formatted(name, r.accountsDone,
                        r.items, r.seconds, r.items / r.seconds, r.awsCalls, r.awsCalls / r.seconds, r.peakRssMiB,
                        r.failures.isEmpty() ? "none" : r.failures));
                cpu.append("| %s | %.1f s | %.0f µs | %.0f µs | %.1f s | %.0f µs |%n".formatted(name, r.collectorCpuSeconds,
                        r.collectorCpuSeconds * 1e6 / r.items, r.collectorCpuSeconds * 1e6 / r.awsCalls,
                        r.simulatorCpuSeconds, r.simulatorCpuSeconds * 1e6 / r.items));
            });

            String report = """
                    # Collector at organization scale

                    Command: `./mvnw -o -pl tools/launcher verify -Pbench -Dtest=CollectorScaleBenchmark`
                    (after `./mvnw install -DskipTests`; `-Ddriftwatch.bench.accounts=N` changes the size).
                    One collector replica (account concurrency %s, listing concurrency %s, -Xmx1g, JVM options as the
                    launcher sets them%s), Kafka broker and PostgreSQL on this machine; the estate simulator runs in the
                    benchmark JVM on the same 2 cores.
                    Organization: %d accounts (%d suspended) x 2 regions, simulator resource counts %s.

                    | run | accounts collected | items | wall time | items/s | AWS calls | calls/s | collector peak RSS | failed listings |
                    |---|---|---|---|---|---|---|---|---|
                    %s
                    CPU time used during each run (user + system, from /proc):

                    | run | collector CPU | per item | per AWS call | simulator (benchmark JVM) CPU | per item |
                    |---|---|---|---|---|---|
                    %s
                    The floor: the bare AWS SDK v2 (16 threads, `DescribeSecurityGroups` in a loop against the same
                    simulator, no Driftwatch code) made %.0f calls/s and spent %.0f µs of client CPU per call.

                    Stack start-up (organization generation, broker, PostgreSQL, collector): %.1f s.

                    AWS calls per operation in the second run (%d operations):

                    | operation | calls | per item |
                    |---|---|---|
                    %s
                    """.formatted(tuning.get("DRIFTWATCH_COLLECTOR_ACCOUNT_CONCURRENCY"),
                    tuning.get("DRIFTWATCH_COLLECTOR_LISTING_CONCURRENCY"),
                    tuning.get("JAVA_TOOL_OPTIONS").isEmpty() ? "" : ", plus " + tuning.get("JAVA_TOOL_OPTIONS"),
                    ACCOUNTS, Math.max(1, ACCOUNTS / 100), counts, results, cpu,
                    sdk.callsPerSecond(), sdk.clientCpuMicrosPerCall(), startupSeconds,
                    clean.callsByOperation.size(), topOperations(clean, 100));
            Path out = Path.of("target/benchmarks/collector-scale.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    private record Run(int accountsDone, long items, double seconds, long peakRssMiB, String failures, long awsCalls,
                       Map<String, Long> callsByOperation, double collectorCpuSeconds, double simulatorCpuSeconds) {
    }

    /** utime + stime of a process (Linux /proc/PID/stat fields 14 and 15), in seconds. */
    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String topOperations(Run run, int n) {
        return run.callsByOperation.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> "| %s | %d | %.2f |".formatted(e.getKey(), e.getValue(), e.getValue() / (double) run.items))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static Map<String, Long> byOperation(StackClient client) throws Exception {
        Map<String, Long> counts = new java.util.HashMap<>();
        client.admin("GET", "/admin/stats", null).get("byOperation").fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static Run run(StackClient client, Stack stack) throws Exception {
        long callsBefore = client.admin("GET", "/admin/stats", null).get("awsRequests").asLong();
        Map<String, Long> opsBefore = byOperation(client);
        long collectorPid = stack.pid("collector");
        double collectorCpuBefore = cpuSeconds(collectorPid);
        double simulatorCpuBefore = cpuSeconds(ProcessHandle.current().pid());
        long start = System.nanoTime();
        String runId = client.api("POST", "/collections", "{}").get("runId").asText();
        JsonNode progress;
        long deadline = start + java.time.Duration.ofMinutes(20).toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("collection " + runId + " did not complete within 20 minutes");
            }
            progress = client.api("GET", "/collections/" + runId, null);
            if (progress.get("status").asText().equals("COMPLETED")) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double collectorCpu = cpuSeconds(collectorPid) - collectorCpuBefore;
        double simulatorCpu = cpuSeconds(ProcessHandle.current().pid()) - simulatorCpuBefore;
        Map<String, Long> ops = byOperation(client);
        opsBefore.forEach((op, n) -> ops.merge(op, -n, Long::sum));
        return new Run(progress.get("accountsDone").asInt(), progress.get("itemsCollected").asLong(), seconds,
                peakRssMiB(stack.pid("collector")), progress.get("failuresByReason").toString().replace("{}", ""),
                client.admin("GET", "/admin/stats", null).get("awsRequests").asLong() - callsBefore, ops,
                collectorCpu, simulatorCpu);
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
