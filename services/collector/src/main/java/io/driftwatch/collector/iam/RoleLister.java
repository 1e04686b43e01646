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
import software.amazon.awssdk.services.iam.model.RoleDetail;

/** IAM roles with their trust policy (decoded) and attached and inline policies, like AWS Config's AWS::IAM::Role. */
@ApplicationScoped
public class RoleLister implements GlobalResourceLister {
    public static final String TYPE = "AWS::IAM::Role";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        IamClient iam = aws.iam(accountId);
        for (RoleDetail role : AuthorizationDetails.pages(iam, EntityType.ROLE).roleDetailList()) {
            String name = role.roleName();
            ObjectNode config = SdkJson.toJson(role);
            config.set("assumeRolePolicyDocument", PolicyDocuments.decode(role.assumeRolePolicyDocument()));
            AuthorizationDetails.putAttachedPolicies(config, role.attachedManagedPolicies());
            AuthorizationDetails.putInlinePolicies(config, "rolePolicyList", role.rolePolicyList());
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, role.roleId(), role.arn(), name, config);
            if (role.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(role.createDate()));
            }
            role.tags().forEach(t -> item.putTags(t.key(), t.value()));
            sink.accept(item.build());
        }
    }
}
