package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;

/** IAM groups with attached and inline policies, like AWS Config's AWS::IAM::Group. */
@ApplicationScoped
public class GroupLister implements ResourceLister {
    public static final String TYPE = "AWS::IAM::Group";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        IamClient iam = aws.iam(accountId);
        for (Group group : iam.listGroupsPaginator(b -> b.maxItems(1000)).groups()) {
            String name = group.groupName();
            ObjectNode config = SdkJson.toJson(group);
            ArrayNode attached = config.putArray("attachedManagedPolicies");
            for (AttachedPolicy p : iam.listAttachedGroupPoliciesPaginator(b -> b.groupName(name)).attachedPolicies()) {
                attached.add(SdkJson.toJson(p));
            }
            ArrayNode inline = config.putArray("groupPolicyList");
            for (String policyName : iam.listGroupPoliciesPaginator(b -> b.groupName(name)).policyNames()) {
                String document = iam.getGroupPolicy(b -> b.groupName(name).policyName(policyName)).policyDocument();
                inline.addObject().put("policyName", policyName).set("policyDocument", PolicyDocuments.decode(document));
            }
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, group.groupId(), group.arn(), name, config);
            if (group.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(group.createDate()));
            }
            sink.accept(item.build());
        }
    }
}
