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
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (Subnet r : aws.ec2(accountId, region).describeSubnetsPaginator(b -> b.maxResults(1000)).subnets()) {
            ConfigurationItem.Builder item = Ec2Items.item(accountId, region, TYPE, r.subnetId(), "subnet/" + r.subnetId(),
                    r.tags(), SdkJson.toJson(r));
            item.setAvailabilityZone(r.availabilityZone());
            item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", r.vpcId()));
            sink.accept(item.build());
        }
    }
}
