package io.driftwatch.collector.ssm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstancePatchState;

/**
 * Patch compliance of every managed instance that Patch Manager has scanned
 * (DescribeInstancePatchStates, 50 instances a call): installed, missing, failed and pending-reboot
 * counts, and {@code compliant} = none missing, failed or awaiting a reboot. Scan times are left out
 * so an unchanged result is not a change.
 */
@ApplicationScoped
public class PatchComplianceLister implements ResourceLister {
    public static final String TYPE = "AWS::SSM::PatchCompliance";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        SsmClient ssm = ManagedInstanceLister.ssm(clients, accountId, region);
        List<String> ids = new ArrayList<>();
        for (InstanceInformation info : ManagedInstanceLister.managed(ssm)) {
            ids.add(info.instanceId());
        }
        for (int i = 0; i < ids.size(); i += 50) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + 50));
            for (InstancePatchState state : ssm.describeInstancePatchStatesPaginator(b -> b.instanceIds(batch).maxResults(100))
                    .instancePatchStates()) {
                ObjectNode config = SdkJson.toJson(state);
                config.remove("operationStartTime");
                config.remove("operationEndTime");
                config.remove("snapshotId");
                config.put("compliant", zero(state.missingCount()) && zero(state.failedCount())
                        && zero(state.installedPendingRebootCount()));
                ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, state.instanceId(),
                        "arn:aws:ssm:" + region + ":" + accountId + ":patch-compliance/" + state.instanceId(),
                        state.instanceId(), config);
                item.addRelationships(Items.relationship("Is associated with ManagedInstanceInventory",
                        ManagedInstanceLister.TYPE, state.instanceId()));
                sink.accept(item.build());
            }
        }
    }

    private static boolean zero(Integer n) {
        return n == null || n == 0;
    }
}
