package io.driftwatch.collector.cloudtrail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * CloudTrail trails with their logging status. A multi-region trail appears in every region's
 * DescribeTrails; it is recorded once, in its home region, like AWS Config does.
 */
@ApplicationScoped
public class TrailLister implements ResourceLister {
    public static final String TYPE = "AWS::CloudTrail::Trail";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        CloudTrailClient cloudTrail = clients.regional("cloudtrail", accountId, region, CloudTrailClient::builder);
        for (Trail trail : cloudTrail.describeTrails(b -> b.includeShadowTrails(true)).trailList()) {
            if (trail.homeRegion() != null && !trail.homeRegion().equals(region)) {
                continue; // a shadow of another region's multi-region trail
            }
            ObjectNode config = SdkJson.toJson(trail);
            GetTrailStatusResponse status = cloudTrail.getTrailStatus(b -> b.name(trail.trailARN()));
            // Only the switch is configuration; delivery times move on every delivery.
            config.put("isLogging", Boolean.TRUE.equals(status.isLogging()));
            config.put("latestDeliveryError", status.latestDeliveryError());
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, trail.name(), trail.trailARN(),
                    trail.name(), config);
            if (trail.s3BucketName() != null) {
                item.addRelationships(Items.relationship("Is associated with Bucket", "AWS::S3::Bucket", trail.s3BucketName()));
            }
            sink.accept(item.build());
        }
    }
}
