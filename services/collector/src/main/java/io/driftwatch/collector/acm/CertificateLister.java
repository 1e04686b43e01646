package io.driftwatch.collector.acm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

/**
 * ACM certificates of every key type (ListCertificates alone returns only RSA_1024/RSA_2048), with
 * DescribeCertificate's detail: validity (notBefore/notAfter), key algorithm, status and InUseBy.
 * Expiry is judged by the rules from notAfter, so the item does not change as the days pass.
 */
@ApplicationScoped
public class CertificateLister implements ResourceLister {
    public static final String TYPE = "AWS::ACM::Certificate";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        AcmClient acm = clients.regional("acm", accountId, region, AcmClient::builder);
        for (CertificateSummary summary : acm.listCertificatesPaginator(b -> b.maxItems(1000)
                .includes(f -> f.keyTypes(KeyAlgorithm.knownValues()))).certificateSummaryList()) {
            CertificateDetail detail = acm.describeCertificate(b -> b.certificateArn(summary.certificateArn())).certificate();
            ObjectNode config = SdkJson.toJson(detail);
            config.put("inUse", !detail.inUseBy().isEmpty());
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, detail.certificateArn(),
                    detail.certificateArn(), detail.domainName(), config);
            if (detail.createdAt() != null) {
                item.setResourceCreationTime(Items.timestamp(detail.createdAt()));
            }
            detail.inUseBy().forEach(arn -> item.addRelationships(Items.relationship("Is attached to LoadBalancer",
                    "AWS::ElasticLoadBalancingV2::LoadBalancer", arn)));
            sink.accept(item.build());
        }
    }
}
