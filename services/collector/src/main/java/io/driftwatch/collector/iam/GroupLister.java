package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.GlobalResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GroupDetail;

/** IAM groups with attached and inline policies, like AWS Config's AWS::IAM::Group. */
@ApplicationScoped
public class GroupLister implements GlobalResourceLister {
    public static final String TYPE = "AWS::IAM::Group";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        IamClient iam = aws.iam(accountId);
        for (GroupDetail group : AuthorizationDetails.pages(iam, EntityType.GROUP).groupDetailList()) {
            String name = group.groupName();
            ObjectNode config = SdkJson.toJson(group);
            AuthorizationDetails.putAttachedPolicies(config, group.attachedManagedPolicies());
            AuthorizationDetails.putInlinePolicies(config, "groupPolicyList", group.groupPolicyList());
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, group.groupId(), group.arn(), name, config);
            if (group.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(group.createDate()));
            }
            sink.accept(item.build());
        }
    }
}
