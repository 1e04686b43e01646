package io.driftwatch.collector.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The account's own EBS snapshots (OwnerIds=self: public snapshots of others are not inventory),
 * with the createVolumePermission attribute: group "all" means anyone can restore it.
 */
@ApplicationScoped
public class SnapshotLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::Snapshot";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        Ec2Client ec2 = aws.ec2(accountId, region);
        for (Snapshot snapshot : ec2.describeSnapshotsPaginator(b -> b.ownerIds("self").maxResults(1000)).snapshots()) {
            ObjectNode config = SdkJson.toJson(snapshot);
            config.remove("progress"); // moves while a snapshot completes: state, not configuration
            List<CreateVolumePermission> permissions = ec2.describeSnapshotAttribute(b -> b.snapshotId(snapshot.snapshotId())
                    .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)).createVolumePermissions();
            var perms = config.putArray("createVolumePermissions");
            permissions.forEach(p -> perms.add(SdkJson.toJson(p)));
            config.put("public", permissions.stream().anyMatch(p -> p.group() == PermissionGroup.ALL));
            String name = snapshot.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst()
                    .orElse(snapshot.snapshotId());
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, snapshot.snapshotId(),
                    "arn:aws:ec2:" + region + "::snapshot/" + snapshot.snapshotId(), name, config);
            snapshot.tags().forEach(t -> item.putTags(t.key(), t.value()));
            if (snapshot.startTime() != null) {
                item.setResourceCreationTime(Items.timestamp(snapshot.startTime()));
            }
            if (snapshot.volumeId() != null) {
                item.addRelationships(Items.relationship("Is created from Volume", VolumeLister.TYPE, snapshot.volumeId()));
            }
            sink.accept(item.build());
        }
    }
}
