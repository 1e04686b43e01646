package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

@ApplicationScoped
public class SecurityGroupLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::SecurityGroup";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (SecurityGroup group : aws.ec2(accountId, region)
                .describeSecurityGroupsPaginator(DescribeSecurityGroupsRequest.builder().maxResults(1000).build())
                .securityGroups()) {
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, group.groupId(),
                    "arn:aws:ec2:" + region + ":" + accountId + ":security-group/" + group.groupId(),
                    group.groupName(), SdkJson.toJson(group));
            for (Tag tag : group.tags()) {
                item.putTags(tag.key(), tag.value());
            }
            if (group.vpcId() != null) {
                item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", group.vpcId()));
            }
            sink.accept(item.build());
        }
    }
}
