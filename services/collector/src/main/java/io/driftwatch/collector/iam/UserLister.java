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
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/**
 * IAM users (global: once per account) with what the shared-responsibility checks need: MFA
 * devices, console login profile, access keys with age and last use, attached and inline
 * policies, group memberships. Shaped like AWS Config's AWS::IAM::User.
 */
@ApplicationScoped
public class UserLister implements ResourceLister {
    public static final String TYPE = "AWS::IAM::User";

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
        for (User user : iam.listUsersPaginator(b -> b.maxItems(1000)).users()) {
            String name = user.userName();
            ObjectNode config = SdkJson.toJson(user);
            ArrayNode mfa = config.putArray("mfaDevices");
            for (MFADevice device : iam.listMFADevicesPaginator(ListMfaDevicesRequest.builder().userName(name).build())
                    .mfaDevices()) {
                mfa.add(SdkJson.toJson(device));
            }
            LoginProfile profile = null;
            try {
                profile = iam.getLoginProfile(b -> b.userName(name)).loginProfile();
            } catch (NoSuchEntityException e) {
                // No console password: the expected answer for programmatic users.
            }
            if (profile == null) {
                config.putNull("loginProfile");
            } else {
                config.set("loginProfile", SdkJson.toJson(profile));
            }
            ArrayNode keys = config.putArray("accessKeys");
            for (AccessKeyMetadata key : iam.listAccessKeysPaginator(b -> b.userName(name)).accessKeyMetadata()) {
                ObjectNode k = keys.addObject();
                k.put("accessKeyId", key.accessKeyId());
                k.put("status", key.statusAsString());
                k.put("createDate", key.createDate() == null ? null : key.createDate().toString());
                AccessKeyLastUsed used = iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
                // Never-used keys have no date and "N/A" service/region.
                k.put("lastUsedDate", used == null || used.lastUsedDate() == null ? null : used.lastUsedDate().toString());
                k.put("lastUsedService", used == null ? null : used.serviceName());
                k.put("lastUsedRegion", used == null ? null : used.region());
            }
            ArrayNode attached = config.putArray("attachedManagedPolicies");
            for (AttachedPolicy p : iam.listAttachedUserPoliciesPaginator(b -> b.userName(name)).attachedPolicies()) {
                attached.add(SdkJson.toJson(p));
            }
            ArrayNode inline = config.putArray("userPolicyList");
            for (String policyName : iam.listUserPoliciesPaginator(b -> b.userName(name)).policyNames()) {
                String document = iam.getUserPolicy(b -> b.userName(name).policyName(policyName)).policyDocument();
                inline.addObject().put("policyName", policyName).set("policyDocument", PolicyDocuments.decode(document));
            }
            ArrayNode groups = config.putArray("groupList");
            List<Group> memberOf = iam.listGroupsForUserPaginator(b -> b.userName(name)).groups().stream().toList();
            memberOf.forEach(g -> groups.add(g.groupName()));
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, user.userId(), user.arn(), name, config);
            if (user.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(user.createDate()));
            }
            user.tags().forEach(t -> item.putTags(t.key(), t.value()));
            for (Group g : memberOf) {
                item.addRelationships(Items.relationship("Is attached to Group", GroupLister.TYPE, g.groupId()));
            }
            sink.accept(item.build());
        }
    }
}
