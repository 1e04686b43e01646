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
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (Volume r : aws.ec2(accountId, region).describeVolumesPaginator(b -> b.maxResults(500)).volumes()) {
            ConfigurationItem.Builder item = Ec2Items.item(accountId, region, TYPE, r.volumeId(), "volume/" + r.volumeId(),
                    r.tags(), SdkJson.toJson(r));
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
