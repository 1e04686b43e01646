package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EBS volumes (encryption, KMS key, attachments). */
@ApplicationScoped
public class VolumeLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::Volume";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public boolean global() {
        return false;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (Volume r : aws.ec2(accountId, region).describeVolumesPaginator(b -> b.maxResults(500)).volumes()) {
            String name = r.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(r.volumeId());
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, r.volumeId(),
                    "arn:aws:ec2:" + region + ":" + accountId + ":volume/" + r.volumeId(), name, SdkJson.toJson(r));
            for (Tag tag : r.tags()) {
                item.putTags(tag.key(), tag.value());
            }
            item.setAvailabilityZone(r.availabilityZone());
            if (r.createTime() != null) {
                item.setResourceCreationTime(Items.timestamp(r.createTime()));
            }
            r.attachments().forEach(a -> item.addRelationships(
                    Items.relationship("Is attached to Instance", InstanceLister.TYPE, a.instanceId())));
            sink.accept(item.build());
        }
    }
}
