package io.driftwatch.collector.iam;

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
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/** IAM users with their MFA devices and console login profile (global: once per account). */
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
            ObjectNode config = SdkJson.toJson(user);
            var mfa = config.putArray("mfaDevices");
            for (MFADevice device : iam.listMFADevicesPaginator(ListMfaDevicesRequest.builder().userName(user.userName()).build())
                    .mfaDevices()) {
                mfa.add(SdkJson.toJson(device));
            }
            LoginProfile profile = null;
            try {
                profile = iam.getLoginProfile(b -> b.userName(user.userName())).loginProfile();
            } catch (NoSuchEntityException e) {
                // No console password: the expected answer for programmatic users.
            }
            if (profile == null) {
                config.putNull("loginProfile");
            } else {
                config.set("loginProfile", SdkJson.toJson(profile));
            }
            ConfigurationItem.Builder item = Items.item(accountId, GLOBAL, TYPE, user.userId(), user.arn(), user.userName(), config);
            if (user.createDate() != null) {
                item.setResourceCreationTime(Items.timestamp(user.createDate()));
            }
            user.tags().forEach(t -> item.putTags(t.key(), t.value()));
            sink.accept(item.build());
        }
    }
}
