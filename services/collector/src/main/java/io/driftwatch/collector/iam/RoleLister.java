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
import software.amazon.awssdk.services.iam.model.Role;

/** IAM roles with their trust policy (decoded) and attached and inline policies, like AWS Config's AWS::IAM::Role. */
@ApplicationScoped
public class RoleLister implements ResourceLister {
    public static final String TYPE = "AWS::IAM::Role";

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
        for (Role role : iam.listRolesPaginator(b -> b.maxItems(1000)).roles()) {
            String name = role.roleName();
            ObjectNode config = SdkJson.toJson(role);
            config.set("assumeRolePolicyDocument", PolicyDocuments.decode(role.assumeRolePolicyDocument()));
            ArrayNode attached = config.putArray("attachedManagedPolicies");
            for (AttachedPolicy p : iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies()) {
                attached.add(SdkJson.toJson(p));
            }
            ArrayNode inline = config.putArray("rolePolicyList");
            for (String policyName : iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames()) {
                String document = iam.getRolePolicy(b -> b.roleName(name).policyName(policyName)).policyDocument();
                inline.addObject().put("policyName", policyName).set("policyDocument", PolicyDocuments.decode(document));
            }
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, role.roleId(), role.arn(), name, config);
            if (role.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(role.createDate()));
            }
            role.tags().forEach(t -> item.putTags(t.key(), t.value()));
            sink.accept(item.build());
        }
    }
}
