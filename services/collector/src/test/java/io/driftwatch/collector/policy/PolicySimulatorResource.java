package io.driftwatch.collector.policy;

import io.driftwatch.simulator.EstateSimulator;
import io.driftwatch.simulator.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The policy test's own simulator (see {@link PolicyCoverageTest.OwnSimulator}).
 */
public class PolicySimulatorResource implements QuarkusTestResourceLifecycleManager {
    private EstateSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = EstateSimulator.start(SimulatorOptions.builder().seed(11).accountCount(5).suspendedCount(1)
                .misconfigurationRate(0.5).build());
        return Map.of(
                "driftwatch.collector.aws.endpoint-override", simulator.endpoint().toString(),
                "driftwatch.collector.aws.access-key-id", simulator.managementAccessKeyId(),
                "driftwatch.collector.aws.secret-access-key", simulator.managementSecretAccessKey(),
                "driftwatch.collector.aws.regions", String.join(",", simulator.regions()),
                "driftwatch.collector.aws.role-name", simulator.roleName(),
                "driftwatch.collector.aws.max-attempts", "2");
    }

    @Override
    public void stop() {
        simulator.close();
    }
}
