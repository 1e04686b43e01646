package io.driftwatch.collector.elb;

import io.driftwatch.collector.aws.Items;
import io.driftwatch.collector.aws.ResourceLister;
import io.driftwatch.collector.aws.SdkJson;
import io.driftwatch.collector.clients.ServiceClients;
import io.driftwatch.proto.v1.ConfigurationItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** ELBv2 load balancers (application, network, gateway), identified like AWS Config by their ARN. */
@ApplicationScoped
public class LoadBalancerLister implements ResourceLister {
    public static final String TYPE = "AWS::ElasticLoadBalancingV2::LoadBalancer";

    @Inject
    ServiceClients clients;

    @Override
    public String resourceType() {
        return TYPE;
    }

    static ElasticLoadBalancingV2Client elb(ServiceClients clients, String accountId, String region) {
        return clients.regional("elasticloadbalancing", accountId, region, ElasticLoadBalancingV2Client::builder);
    }

    @Override
    public void list(String accountId, String region, Consumer<ConfigurationItem> sink) {
        for (LoadBalancer lb : elb(clients, accountId, region).describeLoadBalancersPaginator(b -> b.pageSize(400)).loadBalancers()) {
            ConfigurationItem.Builder item = Items.item(accountId, region, TYPE, lb.loadBalancerArn(), lb.loadBalancerArn(),
                    lb.loadBalancerName(), SdkJson.toJson(lb));
            if (lb.createdTime() != null) {
                item.setResourceCreationTime(Items.timestamp(lb.createdTime()));
            }
            if (lb.vpcId() != null) {
                item.addRelationships(Items.relationship("Is contained in Vpc", "AWS::EC2::VPC", lb.vpcId()));
            }
            lb.securityGroups().forEach(sg -> item.addRelationships(
                    Items.relationship("Is associated with SecurityGroup", "AWS::EC2::SecurityGroup", sg)));
            lb.availabilityZones().forEach(az -> {
                if (az.subnetId() != null) {
                    item.addRelationships(Items.relationship("Is attached to Subnet", "AWS::EC2::Subnet", az.subnetId()));
                }
            });
            sink.accept(item.build());
        }
    }
}
