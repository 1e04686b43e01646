package io.driftwatch.launcher;

import io.driftwatch.simulator.EstateSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The floor under the collector's cost: the bare AWS SDK v2 (no Driftwatch code, no Kafka) calling
 * one realistic operation, {@code DescribeSecurityGroups}, against the simulator in a loop from
 * several threads. Measures calls per second and the client threads' own CPU per call, so the
 * collector's CPU per call can be compared with what the SDK alone costs on this machine.
 */
final class SdkCallCost {
    record Result(int threads, long calls, double seconds, double clientCpuMicrosPerCall) {
        double callsPerSecond() {
            return calls / seconds;
        }
    }

    private SdkCallCost() {
    }

    static Result measure(EstateSimulator sim, int threads, long warmupMillis, long measureMillis) throws Exception {
        try (SdkHttpClient http = ApacheHttpClient.builder().maxConnections(threads).build();
             StsClient sts = StsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).httpClient(http)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             sim.managementAccessKeyId(), sim.managementSecretAccessKey())))
                     .build()) {
            Credentials c = sts.assumeRole(b -> b.roleSessionName("sdk-call-cost")
                    .roleArn("arn:aws:iam::" + sim.managementAccountId() + ":role/" + sim.roleName())).credentials();
            try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).httpClient(http)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                    .build()) {
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                AtomicBoolean measuring = new AtomicBoolean();
                AtomicBoolean stop = new AtomicBoolean();
                LongAdder calls = new LongAdder();
                DoubleAdder cpuNanos = new DoubleAdder();
                CountDownLatch done = new CountDownLatch(threads);
                List<Thread> workers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Thread t = new Thread(() -> {
                        long cpuAtStart = -1;
                        try {
                            while (!stop.get()) {
                                if (cpuAtStart < 0 && measuring.get()) {
                                    cpuAtStart = mx.getCurrentThreadCpuTime();
                                }
                                ec2.describeSecurityGroups();
                                if (cpuAtStart >= 0) {
                                    calls.increment();
                                }
                            }
                            if (cpuAtStart >= 0) {
                                cpuNanos.add(mx.getCurrentThreadCpuTime() - cpuAtStart);
                            }
                        } finally {
                            done.countDown();
                        }
                    }, "sdk-call-cost-" + i);
                    workers.add(t);
                    t.start();
                }
                Thread.sleep(warmupMillis);
                measuring.set(true);
                long start = System.nanoTime();
                Thread.sleep(measureMillis);
                stop.set(true);
                done.await();
                double seconds = (System.nanoTime() - start) / 1e9;
                long n = calls.sum();
                return new Result(threads, n, seconds, n == 0 ? 0 : cpuNanos.sum() / 1000.0 / n);
            }
        }
    }
}
