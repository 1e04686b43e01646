package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;

/** Network ACLs with their entries and subnet associations. */
@ApplicationScoped
public class NetworkAclLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::NetworkAcl";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (NetworkAcl r : aws.ec2(accountId, region).describeNetworkAclsPaginator(b -> b.maxResults(1000)).networkAcls()) {
            ConfigurationItem.Builder item = Ec2Items.item(accountId, region, TYPE, r.networkAclId(),
                    "network-acl/" + r.networkAclId(), r.tags(), SdkJson.toJson(r));
            item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", r.vpcId()));
            r.associations().forEach(a -> item.addRelationships(
                    Items.relationship("Is attached to Subnet", "AWS::EC2::Subnet", a.subnetId())));
            sink.accept(item.build());
        }
    }
}
