package io.driftwatch.snapshot.export;

import io.driftwatch.simulator.EstateSimulator;
import io.driftwatch.simulator.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The estate simulator as the S3 endpoint of snapshot delivery: PutObject over HTTP, SigV4-verified
 * with the management account's key, into one of that account's buckets.
 */
public class SimulatorS3 implements QuarkusTestResourceLifecycleManager {
    static EstateSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = EstateSimulator.start(SimulatorOptions.builder().seed(3).accountCount(2).suspendedCount(0).build());
        return Map.of(
                "driftwatch.snapshot.s3.endpoint-override", simulator.endpoint().toString(),
                "driftwatch.snapshot.s3.region", "us-east-1",
                "driftwatch.snapshot.s3.access-key-id", simulator.managementAccessKeyId(),
                "driftwatch.snapshot.s3.secret-access-key", simulator.managementSecretAccessKey());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
