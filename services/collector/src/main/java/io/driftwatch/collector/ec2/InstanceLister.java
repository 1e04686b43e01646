package io.driftwatch.collector.ec2;

import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
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
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        Ec2Client ec2 = aws.ec2(accountId, region);
        for (Reservation reservation : ec2
                .describeInstancesPaginator(DescribeInstancesRequest.builder().maxResults(1000).build()).reservations()) {
            for (Instance instance : reservation.instances()) {
                if (instance.state() != null && "terminated".equals(instance.state().nameAsString())) {
                    continue; // AWS Config reports terminated instances as deleted
                }
                String name = instance.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst()
                        .orElse(instance.instanceId());
                ObjectNode config = SdkJson.toJson(instance);
                addAttributes(ec2, instance.instanceId(), config);
                ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, instance.instanceId(),
                        "arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instance.instanceId(), name, config);
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

    /**
     * Termination protection and the user-data key scan: attributes DescribeInstances does not
     * return. Only the scan result is kept, never the user data.
     */
    private static void addAttributes(Ec2Client ec2, String instanceId, ObjectNode config) {
        DescribeInstanceAttributeResponse protection = ec2.describeInstanceAttribute(
                b -> b.instanceId(instanceId).attribute(InstanceAttributeName.DISABLE_API_TERMINATION));
        config.put("disableApiTermination", protection.disableApiTermination() != null
                && Boolean.TRUE.equals(protection.disableApiTermination().value()));
        DescribeInstanceAttributeResponse userData = ec2.describeInstanceAttribute(
                b -> b.instanceId(instanceId).attribute(InstanceAttributeName.USER_DATA));
        UserDataScan.Result scan = UserDataScan.scanBase64(userData.userData() == null ? null : userData.userData().value());
        ObjectNode node = config.putObject("userDataScan");
        node.put("containsAwsAccessKey", scan.containsAwsAccessKey());
        if (scan.accessKeyIdPrefix() != null) {
            node.put("accessKeyIdPrefix", scan.accessKeyIdPrefix());
        }
    }
}
