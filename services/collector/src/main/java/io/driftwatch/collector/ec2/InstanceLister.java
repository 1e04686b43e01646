package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

@ApplicationScoped
public class InstanceLister implements ResourceLister {
    public static final String TYPE = "AWS::EC2::Instance";

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
        for (Reservation reservation : aws.ec2(accountId, region)
                .describeInstancesPaginator(DescribeInstancesRequest.builder().maxResults(1000).build()).reservations()) {
            for (Instance instance : reservation.instances()) {
                if (instance.state() != null && "terminated".equals(instance.state().nameAsString())) {
                    continue; // AWS Config reports terminated instances as deleted
                }
                String name = instance.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst()
                        .orElse(instance.instanceId());
                ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, instance.instanceId(),
                        "arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instance.instanceId(), name,
                        SdkJson.toJson(instance));
                if (instance.placement() != null && instance.placement().availabilityZone() != null) {
                    item.setAvailabilityZone(instance.placement().availabilityZone());
                }
                if (instance.launchTime() != null) {
                    item.setResourceCreationTime(Items.timestamp(instance.launchTime()));
                }
                for (Tag tag : instance.tags()) {
                    item.putTags(tag.key(), tag.value());
                }
                for (GroupIdentifier group : instance.securityGroups()) {
                    item.addRelationships(Items.relationship("Is associated with SecurityGroup", SecurityGroupLister.TYPE,
                            group.groupId()));
                }
                if (instance.subnetId() != null) {
                    item.addRelationships(Items.relationship("Is contained in Subnet", "AWS::EC2::Subnet", instance.subnetId()));
                }
                if (instance.vpcId() != null) {
                    item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", instance.vpcId()));
                }
                sink.accept(item.build());
            }
        }
    }
}
