package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** VPCs (CIDR, default flag, DHCP options). */
@ApplicationScoped
public class VpcLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::VPC";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (Vpc r : aws.ec2(accountId, region).describeVpcsPaginator(b -> b.maxResults(1000)).vpcs()) {
            ConfigurationItem.Builder item = Ec2Items.item(accountId, region, TYPE, r.vpcId(), "vpc/" + r.vpcId(), r.tags(),
                    SdkJson.toJson(r));
            sink.accept(item.build());
        }
    }
}
