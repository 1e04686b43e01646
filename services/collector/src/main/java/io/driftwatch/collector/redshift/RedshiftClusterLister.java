package io.driftwatch.collector.redshift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.Cluster;
import software.amazon.awssdk.services.redshift.model.ClusterParameterGroupStatus;
import software.amazon.awssdk.services.redshift.model.Parameter;

/**
 * Redshift clusters with encryption, public accessibility and {@code requireSsl}: the
 * {@code require_ssl} parameter of the cluster's parameter group (read once per group and listing;
 * AWS's default group leaves it false).
 */
@ApplicationScoped
public class RedshiftClusterLister implements ResourceLister {
    public static final String TYPE = "AWS::Redshift::Cluster";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        RedshiftClient redshift = clients.regional("redshift", accountId, region, RedshiftClient::builder);
        Map<String, Boolean> requireSsl = new HashMap<>();
        for (Cluster cluster : redshift.describeClustersPaginator(b -> b.maxRecords(100)).clusters()) {
            ObjectNode config = SdkJson.toJson(cluster);
            config.remove("nextMaintenanceWindowStartTime");
            config.remove("expectedNextSnapshotScheduleTime");
            config.remove("expectedNextSnapshotScheduleTimeStatus");
            Boolean ssl = null;
            for (ClusterParameterGroupStatus group : cluster.clusterParameterGroups()) {
                ssl = requireSsl.computeIfAbsent(group.parameterGroupName(), name -> redshift
                        .describeClusterParametersPaginator(b -> b.parameterGroupName(name).maxRecords(100)).parameters()
                        .stream().filter(p -> "require_ssl".equals(p.parameterName())).findFirst()
                        .map(Parameter::parameterValue).map(Boolean::parseBoolean).orElse(false));
            }
            config.put("requireSsl", ssl);
            String arn = "arn:aws:redshift:" + region + ":" + accountId + ":cluster:" + cluster.clusterIdentifier();
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, cluster.clusterIdentifier(), arn,
                    cluster.clusterIdentifier(), config);
            cluster.tags().forEach(t -> item.putTags(t.key(), t.value()));
            if (cluster.clusterCreateTime() != null) {
                item.setResourceCreationTime(Items.timestamp(cluster.clusterCreateTime()));
            }
            if (cluster.vpcId() != null) {
                item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", cluster.vpcId()));
            }
            sink.accept(item.build());
        }
    }
}
