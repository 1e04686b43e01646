package io.driftwatch.collector.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * Customer-managed policies (Scope=Local; AWS-managed ones are the same everywhere) with their
 * default version's document, like AWS Config's AWS::IAM::Policy policyVersionList.
 */
@ApplicationScoped
public class PolicyLister implements GlobalResourceLister {
    public static final String TYPE = "AWS::IAM::Policy";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        IamClient iam = aws.iam(accountId);
        for (ManagedPolicyDetail policy : AuthorizationDetails.pages(iam, EntityType.LOCAL_MANAGED_POLICY).policies()) {
            ObjectNode config = SdkJson.toJson(policy);
            // Only the default version: older versions are not in force and would make every
            // new version look like a change to the whole history.
            ArrayNode versions = config.putArray("policyVersionList");
            for (PolicyVersion version : policy.policyVersionList()) {
                if (Boolean.TRUE.equals(version.isDefaultVersion())) {
                    ObjectNode v = versions.addObject();
                    v.put("versionId", version.versionId());
                    v.put("isDefaultVersion", true);
                    v.put("createDate", version.createDate() == null ? null : version.createDate().toString());
                    v.set("document", PolicyDocuments.decode(version.document()));
                }
            }
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, policy.policyId(), policy.arn(),
                    policy.policyName(), config);
            if (policy.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(policy.createDate()));
            }
            sink.accept(item.build());
        }
    }
}
