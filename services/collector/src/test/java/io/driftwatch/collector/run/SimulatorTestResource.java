package io.driftwatch.collector.run;

import io.driftwatch.simulator.EstateSimulator;
import io.driftwatch.simulator.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the estate simulator and points the collector's AWS SDK clients at it. */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {
    static final String EXTERNAL_ID = "driftwatch-test-external-id-7";
    static EstateSimulator simulator;

    @Override
    public Map<String, String> start() {
        // The member roles demand an external id, as the CloudFormation template in deploy/aws does.
        simulator = EstateSimulator.start(SimulatorOptions.builder().seed(7).accountCount(6).suspendedCount(1)
                .externalId(EXTERNAL_ID).build());
        return Map.of(
                "driftwatch.collector.aws.endpoint-override", simulator.endpoint().toString(),
                "driftwatch.collector.aws.access-key-id", simulator.managementAccessKeyId(),
                "driftwatch.collector.aws.secret-access-key", simulator.managementSecretAccessKey(),
                "driftwatch.collector.aws.regions", String.join(",", simulator.regions()),
                "driftwatch.collector.aws.role-name", simulator.roleName(),
                // Enough retries to ride out the token-bucket test's tight buckets; few enough that the
                // listing throttled on every call gives up within seconds.
                "driftwatch.collector.aws.max-attempts", "5",
                "driftwatch.collector.aws.external-id", EXTERNAL_ID);
    }

    @Override
    public void stop() {
        simulator.close();
    }
}
