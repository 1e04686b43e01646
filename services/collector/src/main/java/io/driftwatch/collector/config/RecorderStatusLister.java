package io.driftwatch.collector.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;

/**
 * The customer's own AWS Config recorder, one item per account and region (id = account id, like
 * {@code Driftwatch::EC2::EbsEncryptionByDefault}) so that a region without any recorder is visible:
 * {@code recording} is true only when a recorder exists and records.
 */
@ApplicationScoped
public class RecorderStatusLister implements ResourceLister {
    public static final String TYPE = "Driftwatch::Config::RecorderStatus";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        ConfigClient config = clients.regional("config", accountId, region, ConfigClient::builder);
        ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
        ArrayNode recorders = out.putArray("configurationRecorders");
        boolean allSupported = false;
        boolean globalTypes = false;
        for (ConfigurationRecorder r : config.describeConfigurationRecorders(b -> { }).configurationRecorders()) {
            recorders.add(SdkJson.toJson(r));
            if (r.recordingGroup() != null) {
                allSupported |= Boolean.TRUE.equals(r.recordingGroup().allSupported());
                globalTypes |= Boolean.TRUE.equals(r.recordingGroup().includeGlobalResourceTypes());
            }
        }
        ArrayNode statuses = out.putArray("configurationRecordersStatus");
        boolean recording = false;
        for (ConfigurationRecorderStatus s : config.describeConfigurationRecorderStatus(b -> { }).configurationRecordersStatus()) {
            ObjectNode n = SdkJson.toJson(s);
            n.remove("lastStatusChangeTime"); // moves on every delivery
            statuses.add(n);
            recording |= Boolean.TRUE.equals(s.recording());
        }
        out.put("recorderExists", !recorders.isEmpty());
        out.put("recording", recording);
        out.put("allSupported", allSupported);
        out.put("includeGlobalResourceTypes", globalTypes);
        sink.accept(Items.item(accountId, region, TYPE, accountId, null, "AWS Config recorder " + region, out).build());
    }
}
