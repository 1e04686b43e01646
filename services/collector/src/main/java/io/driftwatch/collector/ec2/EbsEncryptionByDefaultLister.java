package io.driftwatch.collector.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.AwsClients;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultResponse;

/** The per-region EBS encryption-by-default switch, one item per account and region (id = account id). */
@ApplicationScoped
public class EbsEncryptionByDefaultLister implements ResourceLister {
    public static final String TYPE = "Driftwatch::EC2::EbsEncryptionByDefault";

    @Inject
    AwsClients aws;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        GetEbsEncryptionByDefaultResponse r = aws.ec2(accountId, region).getEbsEncryptionByDefault(b -> { });
        ObjectNode config = CanonicalJson.MAPPER.createObjectNode();
        config.put("ebsEncryptionByDefault", Boolean.TRUE.equals(r.ebsEncryptionByDefault()));
        sink.accept(Items.item(accountId, region, TYPE, accountId, null, "EbsEncryptionByDefault", config).build());
    }
}
