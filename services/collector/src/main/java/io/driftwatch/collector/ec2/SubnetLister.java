package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Subnets; mapPublicIpOnLaunch is what makes a subnet hand out public addresses. */
@ApplicationScoped
public class SubnetLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::Subnet";

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
        for (Subnet r : aws.ec2(accountId, region).describeSubnetsPaginator(b -> b.maxResults(1000)).subnets()) {
            String name = r.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(r.subnetId());
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, r.subnetId(),
                    "arn:aws:ec2:" + region + ":" + accountId + ":subnet/" + r.subnetId(), name, SdkJson.toJson(r));
            for (Tag tag : r.tags()) {
                item.putTags(tag.key(), tag.value());
            }
            item.setAvailabilityZone(r.availabilityZone());
            item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", r.vpcId()));
            sink.accept(item.build());
        }
    }
}
