package io.driftwatch.simulator.admin;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.IamModel;
import io.driftwatch.simulator.estate.IamUser;
import io.driftwatch.simulator.estate.Instance;
import io.driftwatch.simulator.estate.NetworkModel;
import io.driftwatch.simulator.estate.SecurityGroup;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.estate.StorageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration items a complete collection of one account must yield, in AWS Config's
 * vocabulary ({resourceType, resourceId, region}): the truth set collector tests compare against.
 */
final class ExpectedItems {
  private ExpectedItems() {}

  static List<Map<String, String>> of(Estate estate, String accountId) {
    List<Map<String, String>> out = new ArrayList<>();
    if (estate.account(accountId).map(a -> !a.active()).orElse(true)) {
      return out;
    }
    String g = "global";
    for (IamUser u : estate.users(accountId)) {
      add(out, "AWS::IAM::User", u.userId(), g);
    }
    for (IamModel.Role r : estate.roles(accountId)) {
      add(out, "AWS::IAM::Role", r.roleId(), g);
    }
    for (IamModel.ManagedPolicy p : estate.policies(accountId)) {
      add(out, "AWS::IAM::Policy", p.policyId(), g);
    }
    for (IamModel.Group grp : estate.groups(accountId)) {
      add(out, "AWS::IAM::Group", grp.groupId(), g);
    }
    add(out, "Driftwatch::IAM::AccountSummary", accountId, g);
    add(out, "Driftwatch::IAM::PasswordPolicy", accountId, g);
    add(out, "AWS::::Account", accountId, g);
    for (StorageModel.Bucket b : estate.buckets(accountId)) {
      add(out, "AWS::S3::Bucket", b.name(), b.region());
    }
    for (StorageModel.Trail t : estate.trails(accountId)) {
      add(out, "AWS::CloudTrail::Trail", t.name(), t.homeRegion());
    }
    for (String region : estate.regions()) {
      for (SecurityGroup sg : estate.securityGroups(accountId, region)) {
        add(out, "AWS::EC2::SecurityGroup", sg.groupId(), region);
      }
      for (Instance i : estate.instances(accountId, region)) {
        add(out, "AWS::EC2::Instance", i.instanceId(), region);
      }
      for (NetworkModel.Vpc v : estate.vpcs(accountId, region)) {
        add(out, "AWS::EC2::VPC", v.vpcId(), region);
      }
      for (NetworkModel.Subnet s : estate.subnets(accountId, region)) {
        add(out, "AWS::EC2::Subnet", s.subnetId(), region);
      }
      for (NetworkModel.NetworkAcl a : estate.networkAcls(accountId, region)) {
        add(out, "AWS::EC2::NetworkAcl", a.networkAclId(), region);
      }
      for (NetworkModel.Volume v : estate.volumes(accountId, region)) {
        add(out, "AWS::EC2::Volume", v.volumeId(), region);
      }
      for (NetworkModel.Snapshot s : estate.snapshots(accountId, region)) {
        add(out, "AWS::EC2::Snapshot", s.snapshotId(), region);
      }
      add(out, "Driftwatch::EC2::EbsEncryptionByDefault", accountId, region);
      ServicesModel.Regional s = estate.services(accountId, region);
      s.dbInstances().forEach(d -> add(out, "AWS::RDS::DBInstance", d.dbiResourceId(), region));
      s.dbSnapshots().forEach(d -> add(out, "AWS::RDS::DBSnapshot", d.identifier(), region));
      s.dbClusters().forEach(d -> add(out, "AWS::RDS::DBCluster", d.resourceId(), region));
      s.redshiftClusters().forEach(c -> add(out, "AWS::Redshift::Cluster", c.identifier(), region));
      s.vaults().forEach(v -> add(out, "Driftwatch::Glacier::Vault", v.name(), region));
      s.certificates().forEach(c -> add(out, "AWS::ACM::Certificate", c.arn(), region));
      // Customer keys only: AWS-managed keys (aws/rds...) are AWS's side of the model.
      s.keys().stream().filter(k -> k.keyManager().equals("CUSTOMER"))
          .forEach(k -> add(out, "AWS::KMS::Key", k.keyId(), region));
      for (ServicesModel.LoadBalancer lb : s.loadBalancers()) {
        add(out, "AWS::ElasticLoadBalancingV2::LoadBalancer", lb.arn(), region);
        lb.listeners().forEach(l -> add(out, "AWS::ElasticLoadBalancingV2::Listener", l.arn(), region));
      }
      for (ServicesModel.ManagedInstance mi : s.managedInstances()) {
        add(out, "AWS::SSM::ManagedInstanceInventory", mi.instanceId(), region);
        if (mi.patch() != null) {
          add(out, "AWS::SSM::PatchCompliance", mi.instanceId(), region);
        }
      }
      s.dxConnections().forEach(c -> add(out, "Driftwatch::DirectConnect::Connection", c.connectionId(), region));
      s.virtualInterfaces().forEach(v -> add(out, "Driftwatch::DirectConnect::VirtualInterface", v.virtualInterfaceId(), region));
      add(out, "Driftwatch::Config::RecorderStatus", accountId, region);
    }
    return out;
  }

  private static void add(List<Map<String, String>> out, String type, String id, String region) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("resourceType", type);
    m.put("resourceId", id);
    m.put("region", region);
    out.add(m);
  }
}
