package io.driftwatch.collector.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * RDS DB instances (Aurora members included), identified like AWS Config by their DbiResourceId:
 * storage encryption and key, public accessibility, the read replica source and replicas.
 */
@ApplicationScoped
public class DbInstanceLister implements ResourceLister {
    public static final String TYPE = "AWS::RDS::DBInstance";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    static RdsClient rds(ServiceClients clients, String accountId, String region) {
        return clients.regional("rds", accountId, region, RdsClient::builder);
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (DBInstance db : rds(clients, accountId, region).describeDBInstancesPaginator(b -> b.maxRecords(100)).dbInstances()) {
            ObjectNode config = SdkJson.toJson(db);
            // Moves every few minutes while the instance runs: state, not configuration.
            config.remove("latestRestorableTime");
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, db.dbiResourceId(), db.dbInstanceArn(),
                    db.dbInstanceIdentifier(), config);
            db.tagList().forEach(t -> item.putTags(t.key(), t.value()));
            if (db.instanceCreateTime() != null) {
                item.setResourceCreationTime(Items.timestamp(db.instanceCreateTime()));
            }
            db.vpcSecurityGroups().forEach(sg -> item.addRelationships(
                    Items.relationship("Is associated with SecurityGroup", "AWS::EC2::SecurityGroup", sg.vpcSecurityGroupId())));
            if (db.kmsKeyId() != null) {
                item.addRelationships(Items.relationship("Is encrypted with Key", "AWS::KMS::Key", keyId(db.kmsKeyId())));
            }
            sink.accept(item.build());
        }
    }

    /** The key id of a KMS key ARN ({@code arn:aws:kms:...:key/<id>}). */
    static String keyId(String keyArn) {
        int slash = keyArn.lastIndexOf('/');
        return slash < 0 ? keyArn : keyArn.substring(slash + 1);
    }
}
