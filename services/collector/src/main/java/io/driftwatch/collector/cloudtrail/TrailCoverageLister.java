package io.driftwatch.collector.cloudtrail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.CollectorConfig;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.GlobalResourceLister;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * The account's CloudTrail coverage, as one global {@code AWS::::Account} item (AWS Config's type
 * for account-level evaluations): the multi-region trails and whether one of them is logging, i.e.
 * whether API activity is recorded in every region, also regions Driftwatch does not collect. No
 * single trail item carries that fact. Multi-region trails show in every region's DescribeTrails,
 * so one region (the home region) suffices.
 */
@ApplicationScoped
public class TrailCoverageLister implements GlobalResourceLister {
    public static final String TYPE = "AWS::::Account";

    @Inject
    ServiceClients clients;

    @Inject
    CollectorConfig config;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        CloudTrailClient cloudTrail = clients.regional("cloudtrail", accountId, config.aws().homeRegion(), CloudTrailClient::builder);
        ObjectNode configuration = CanonicalJson.MAPPER.createObjectNode();
        configuration.put("accountId", accountId);
        ArrayNode trails = configuration.putArray("multiRegionTrails");
        boolean logging = false;
        for (Trail trail : cloudTrail.describeTrails(b -> b.includeShadowTrails(true)).trailList()) {
            if (!Boolean.TRUE.equals(trail.isMultiRegionTrail())) {
                continue;
            }
            // A shadow trail's status must be asked for by ARN.
            boolean isLogging = Boolean.TRUE.equals(cloudTrail.getTrailStatus(b -> b.name(trail.trailARN())).isLogging());
            logging |= isLogging;
            trails.addObject().put("name", trail.name()).put("trailARN", trail.trailARN())
                    .put("homeRegion", trail.homeRegion()).put("isLogging", isLogging);
        }
        configuration.put("multiRegionTrailLogging", logging);
        sink.accept(Items.item(accountId, GLOBAL, TYPE, accountId, null, accountId, configuration).build());
    }
}
