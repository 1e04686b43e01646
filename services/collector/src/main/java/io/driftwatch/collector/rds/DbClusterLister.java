package io.driftwatch.collector.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.rds.model.DBCluster;

/** RDS DB clusters (Aurora), identified like AWS Config by their DbClusterResourceId. */
@ApplicationScoped
public class DbClusterLister implements ResourceLister {
    public static final String TYPE = "AWS::RDS::DBCluster";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (DBCluster cluster : DbInstanceLister.rds(clients, accountId, region)
                .describeDBClustersPaginator(b -> b.maxRecords(100)).dbClusters()) {
            ObjectNode config = SdkJson.toJson(cluster);
            config.remove("latestRestorableTime");
            config.remove("earliestRestorableTime");
            config.remove("percentProgress");
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, cluster.dbClusterResourceId(),
                    cluster.dbClusterArn(), cluster.dbClusterIdentifier(), config);
            cluster.tagList().forEach(t -> item.putTags(t.key(), t.value()));
            if (cluster.clusterCreateTime() != null) {
                item.setResourceCreationTime(Items.timestamp(cluster.clusterCreateTime()));
            }
            if (cluster.kmsKeyId() != null) {
                item.addRelationships(Items.relationship("Is encrypted with Key", "AWS::KMS::Key",
                        DbInstanceLister.keyId(cluster.kmsKeyId())));
            }
            sink.accept(item.build());
        }
    }
}
