package io.driftwatch.collector.ssm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;

/**
 * Systems Manager managed instances (EC2 instances with the agent, and hybrid {@code mi-} servers):
 * agent, platform, ping status and IAM role. Ping and association times move constantly: left out.
 */
@ApplicationScoped
public class ManagedInstanceLister implements ResourceLister {
    public static final String TYPE = "AWS::SSM::ManagedInstanceInventory";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    static SsmClient ssm(ServiceClients clients, String accountId, String region) {
        return clients.regional("ssm", accountId, region, SsmClient::builder);
    }

    static Iterable<InstanceInformation> managed(SsmClient ssm) {
        return ssm.describeInstanceInformationPaginator(b -> b.maxResults(50)).instanceInformationList();
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (InstanceInformation info : managed(ssm(clients, accountId, region))) {
            ObjectNode config = SdkJson.toJson(info);
            config.remove("lastPingDateTime");
            config.remove("lastAssociationExecutionDate");
            config.remove("lastSuccessfulAssociationExecutionDate");
            config.remove("associationOverview");
            String arn = info.instanceId().startsWith("mi-")
                    ? "arn:aws:ssm:" + region + ":" + accountId + ":managed-instance/" + info.instanceId()
                    : "arn:aws:ec2:" + region + ":" + accountId + ":instance/" + info.instanceId();
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, info.instanceId(), arn,
                    info.computerName() == null ? info.instanceId() : info.computerName(), config);
            if (info.instanceId().startsWith("i-")) {
                item.addRelationships(Items.relationship("Is associated with Instance", "AWS::EC2::Instance", info.instanceId()));
            }
            sink.accept(item.build());
        }
    }
}
