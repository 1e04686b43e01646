package io.driftwatch.collector.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * Customer-managed KMS keys (AWS-managed keys are AWS's side of the model and rotate yearly by
 * themselves) with state and rotation. GetKeyRotationStatus is asked only where AWS answers it:
 * symmetric AWS_KMS keys not pending deletion or import; elsewhere rotation is recorded as null.
 */
@ApplicationScoped
public class KeyLister implements ResourceLister {
    public static final String TYPE = "AWS::KMS::Key";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        KmsClient kms = clients.regional("kms", accountId, region, KmsClient::builder);
        for (KeyListEntry key : kms.listKeysPaginator(b -> b.limit(1000)).keys()) {
            KeyMetadata meta = kms.describeKey(b -> b.keyId(key.keyArn())).keyMetadata();
            if (meta.keyManager() != KeyManagerType.CUSTOMER) {
                continue;
            }
            ObjectNode config = SdkJson.toJson(meta);
            Boolean rotation = null;
            if (meta.keySpec() == KeySpec.SYMMETRIC_DEFAULT && meta.origin() == OriginType.AWS_KMS
                    && meta.keyState() != KeyState.PENDING_DELETION && meta.keyState() != KeyState.PENDING_IMPORT) {
                GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(b -> b.keyId(key.keyId()));
                rotation = status.keyRotationEnabled();
                config.put("rotationPeriodInDays", status.rotationPeriodInDays());
            }
            config.put("keyRotationEnabled", rotation);
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, meta.keyId(), meta.arn(), meta.keyId(), config);
            if (meta.creationDate() != null) {
                item.setResourceCreationTime(Items.timestamp(meta.creationDate()));
            }
            sink.accept(item.build());
        }
    }
}
