package io.driftwatch.collector.rds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttribute;

/**
 * The account's own DB snapshots (automated and manual) with encryption and the {@code restore}
 * attribute: {@code all} there means anyone can restore the snapshot ({@code public}).
 */
@ApplicationScoped
public class DbSnapshotLister implements ResourceLister {
    public static final String TYPE = "AWS::RDS::DBSnapshot";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        RdsClient rds = DbInstanceLister.rds(clients, accountId, region);
        for (DBSnapshot snapshot : rds.describeDBSnapshotsPaginator(b -> b.maxRecords(100)).dbSnapshots()) {
            ObjectNode config = SdkJson.toJson(snapshot);
            config.remove("percentProgress");
            List<String> restore = List.of();
            if ("manual".equals(snapshot.snapshotType())) {
                // Only manual snapshots can be shared; automated ones have no restore attribute to read.
                restore = rds.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier(snapshot.dbSnapshotIdentifier()))
                        .dbSnapshotAttributesResult().dbSnapshotAttributes().stream()
                        .filter(a -> "restore".equals(a.attributeName())).findFirst()
                        .map(DBSnapshotAttribute::attributeValues).orElse(List.of());
            }
            ArrayNode values = config.putArray("restoreAttributeValues");
            restore.stream().sorted().forEach(values::add);
            config.put("public", restore.contains("all"));
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, snapshot.dbSnapshotIdentifier(),
                    snapshot.dbSnapshotArn(), snapshot.dbSnapshotIdentifier(), config);
            snapshot.tagList().forEach(t -> item.putTags(t.key(), t.value()));
            if (snapshot.snapshotCreateTime() != null) {
                item.setResourceCreationTime(Items.timestamp(snapshot.snapshotCreateTime()));
            }
            if (snapshot.dbiResourceId() != null) {
                item.addRelationships(Items.relationship("Is created from DBInstance", DbInstanceLister.TYPE, snapshot.dbiResourceId()));
            }
            sink.accept(item.build());
        }
    }
}
