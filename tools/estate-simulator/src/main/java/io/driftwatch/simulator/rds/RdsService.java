package io.driftwatch.simulator.rds;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.QueryXmlService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.QueryXml;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * RDS over the Query protocol (2014-10-31): DB instances, snapshots (automated and manual; shared
 * and public ones of other accounts only with IncludeShared/IncludePublic, which this estate has
 * none of), snapshot attributes ({@code restore} = accounts or {@code all}) and clusters.
 * MaxRecords 20..100 (default 100) with Marker.
 */
public final class RdsService extends QueryXmlService {
  public static final String XMLNS = "http://rds.amazonaws.com/doc/2014-10-31/";

  private final Estate estate;

  public RdsService(Estate estate) {
    super("rds", XMLNS);
    this.estate = estate;
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeDBInstances" -> describeDbInstances(call);
      case "DescribeDBSnapshots" -> describeDbSnapshots(call);
      case "DescribeDBSnapshotAttributes" -> describeDbSnapshotAttributes(call);
      case "DescribeDBClusters" -> describeDbClusters(call);
      default -> throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version 2014-10-31");
    };
  }

  private ServicesModel.Regional services(AwsCall call) {
    return estate.services(call.caller().accountId(), call.region());
  }

  private static <T> PageToken.Page<T> page(QueryParams p, List<T> items, java.util.function.Function<T, String> key) {
    return QueryXml.page(p, "MaxRecords", "Marker", 20, 100, 100, items, key, "InvalidParameterValue");
  }

  /** Identifier or ARN, as RDS accepts both. */
  private static Predicate<String> matches(String wanted, String arnPrefix) {
    return id -> wanted == null || wanted.equals(id) || wanted.equals(arnPrefix + id);
  }

  private AwsResponse describeDbInstances(AwsCall call) {
    QueryParams p = call.params();
    String acct = call.caller().accountId();
    String region = call.region();
    String wanted = p.get("DBInstanceIdentifier");
    Predicate<String> id = matches(wanted, "arn:aws:rds:" + region + ":" + acct + ":db:");
    Map<String, List<String>> filters = QueryFilters.parse(p);
    List<ServicesModel.DbInstance> list = services(call).dbInstances().stream()
        .filter(d -> id.test(d.identifier()))
        .filter(d -> !filters.containsKey("db-cluster-id") || filters.get("db-cluster-id").contains(d.clusterIdentifier()))
        .filter(d -> !filters.containsKey("db-instance-id") || filters.get("db-instance-id").contains(d.identifier()))
        .toList();
    if (wanted != null && list.isEmpty()) {
      throw new AwsException("DBInstanceNotFound", "DBInstance " + wanted + " not found.", 404);
    }
    PageToken.Page<ServicesModel.DbInstance> page = page(p, list, ServicesModel.DbInstance::identifier);
    XmlWriter w = QueryXml.result("DescribeDBInstances", XMLNS);
    w.element("Marker", page.nextToken()).start("DBInstances");
    for (ServicesModel.DbInstance d : page.items()) {
      boolean postgres = d.engine().contains("postgres");
      w.start("DBInstance")
          .element("DBInstanceIdentifier", d.identifier())
          .element("DBInstanceClass", d.instanceClass())
          .element("Engine", d.engine())
          .element("DBInstanceStatus", "available")
          .element("MasterUsername", d.clusterIdentifier() == null ? "dbadmin" : null)
          .element("DBName", d.readReplicaSource() == null && d.clusterIdentifier() == null ? "app" : null)
          .start("Endpoint").element("Address", d.identifier() + ".c" + acct.substring(0, 10) + "." + region + ".rds.amazonaws.com")
          .element("Port", postgres ? 5432 : 3306).element("HostedZoneId", "Z2R2ITUGPM61AM").end()
          .element("AllocatedStorage", d.allocatedStorage())
          .element("InstanceCreateTime", d.createTime())
          .element("PreferredBackupWindow", "03:10-03:40")
          .element("BackupRetentionPeriod", d.backupRetention())
          .start("VpcSecurityGroups");
      if (d.securityGroupId() != null) {
        w.start("VpcSecurityGroupMembership").element("VpcSecurityGroupId", d.securityGroupId()).element("Status", "active").end();
      }
      w.end()
          .element("AvailabilityZone", d.availabilityZone())
          .element("PreferredMaintenanceWindow", "sun:05:00-sun:05:30")
          .element("MultiAZ", d.multiAz())
          .element("EngineVersion", d.engineVersion())
          .element("AutoMinorVersionUpgrade", true)
          .element("ReadReplicaSourceDBInstanceIdentifier", d.readReplicaSource());
      w.start("ReadReplicaDBInstanceIdentifiers");
      d.readReplicas().forEach(r -> w.element("ReadReplicaDBInstanceIdentifier", r));
      w.end()
          .element("LicenseModel", postgres ? "postgresql-license" : "general-public-license")
          .element("PubliclyAccessible", d.publiclyAccessible())
          .element("StorageType", d.clusterIdentifier() == null ? "gp3" : "aurora")
          .element("DbInstancePort", 0)
          .element("DBClusterIdentifier", d.clusterIdentifier())
          .element("StorageEncrypted", d.storageEncrypted())
          .element("KmsKeyId", d.kmsKeyId())
          .element("DbiResourceId", d.dbiResourceId())
          .element("CACertificateIdentifier", "rds-ca-rsa2048-g1")
          .element("CopyTagsToSnapshot", true)
          .element("DBInstanceArn", d.arn(region, acct))
          .element("IAMDatabaseAuthenticationEnabled", false)
          .element("DeletionProtection", d.deletionProtection());
      QueryXml.tags(w, "TagList", d.tags());
      w.end();
    }
    w.end();
    return QueryXml.finish(w, call.requestId());
  }

  private AwsResponse describeDbSnapshots(AwsCall call) {
    QueryParams p = call.params();
    String acct = call.caller().accountId();
    String region = call.region();
    String wanted = p.get("DBSnapshotIdentifier");
    String instance = p.get("DBInstanceIdentifier");
    String type = p.get("SnapshotType");
    if (type != null && !List.of("automated", "manual", "shared", "public", "awsbackup").contains(type)) {
      throw AwsException.badRequest("InvalidParameterValue", "Invalid snapshot type: " + type);
    }
    Predicate<String> id = matches(wanted, "arn:aws:rds:" + region + ":" + acct + ":snapshot:");
    List<ServicesModel.DbSnapshot> list = services(call).dbSnapshots().stream()
        .filter(s -> id.test(s.identifier()))
        .filter(s -> instance == null || instance.equals(s.instanceIdentifier()))
        .filter(s -> type == null || type.equals(s.snapshotType()))
        .toList();
    if (wanted != null && list.isEmpty()) {
      throw new AwsException("DBSnapshotNotFound", "DBSnapshot " + wanted + " not found.", 404);
    }
    PageToken.Page<ServicesModel.DbSnapshot> page = page(p, list, ServicesModel.DbSnapshot::identifier);
    XmlWriter w = QueryXml.result("DescribeDBSnapshots", XMLNS);
    w.element("Marker", page.nextToken()).start("DBSnapshots");
    for (ServicesModel.DbSnapshot s : page.items()) {
      w.start("DBSnapshot")
          .element("DBSnapshotIdentifier", s.identifier())
          .element("DBInstanceIdentifier", s.instanceIdentifier())
          .element("SnapshotCreateTime", s.createTime())
          .element("Engine", s.engine())
          .element("AllocatedStorage", s.allocatedStorage())
          .element("Status", "available")
          .element("Port", s.engine().contains("postgres") ? 5432 : 3306)
          .element("AvailabilityZone", s.availabilityZone())
          .element("VpcId", estate.defaultVpcId(acct, region).orElse(null))
          .element("MasterUsername", "dbadmin")
          .element("EngineVersion", s.engineVersion())
          .element("SnapshotType", s.snapshotType())
          .element("PercentProgress", 100)
          .element("StorageType", "gp3")
          .element("Encrypted", s.encrypted())
          .element("KmsKeyId", s.kmsKeyId())
          .element("DBSnapshotArn", s.arn(region, acct))
          .element("IAMDatabaseAuthenticationEnabled", false)
          .element("DbiResourceId", s.dbiResourceId())
          .start("TagList").end()
          .end();
    }
    w.end();
    return QueryXml.finish(w, call.requestId());
  }

  private AwsResponse describeDbSnapshotAttributes(AwsCall call) {
    String wanted = call.params().get("DBSnapshotIdentifier");
    if (wanted == null || wanted.isEmpty()) {
      throw AwsException.badRequest("MissingParameter", "The request must contain the parameter DBSnapshotIdentifier");
    }
    ServicesModel.DbSnapshot s = services(call).dbSnapshots().stream().filter(x -> x.identifier().equals(wanted)).findFirst()
        .orElseThrow(() -> new AwsException("DBSnapshotNotFound", "DBSnapshot " + wanted + " not found.", 404));
    XmlWriter w = QueryXml.result("DescribeDBSnapshotAttributes", XMLNS);
    w.start("DBSnapshotAttributesResult").element("DBSnapshotIdentifier", s.identifier()).start("DBSnapshotAttributes")
        .start("DBSnapshotAttribute").element("AttributeName", "restore").start("AttributeValues");
    if (s.publicRestore()) {
      w.element("AttributeValue", "all");
    }
    s.sharedWith().forEach(a -> w.element("AttributeValue", a));
    w.end().end().end().end();
    return QueryXml.finish(w, call.requestId());
  }

  private AwsResponse describeDbClusters(AwsCall call) {
    QueryParams p = call.params();
    String acct = call.caller().accountId();
    String region = call.region();
    String wanted = p.get("DBClusterIdentifier");
    Predicate<String> id = matches(wanted, "arn:aws:rds:" + region + ":" + acct + ":cluster:");
    List<ServicesModel.DbCluster> list = services(call).dbClusters().stream().filter(c -> id.test(c.identifier())).toList();
    if (wanted != null && list.isEmpty()) {
      throw new AwsException("DBClusterNotFoundFault", "DBCluster " + wanted + " not found.", 404);
    }
    PageToken.Page<ServicesModel.DbCluster> page = page(p, list, ServicesModel.DbCluster::identifier);
    XmlWriter w = QueryXml.result("DescribeDBClusters", XMLNS);
    w.element("Marker", page.nextToken()).start("DBClusters");
    for (ServicesModel.DbCluster c : page.items()) {
      String host = c.identifier() + ".cluster-c" + acct.substring(0, 10) + "." + region + ".rds.amazonaws.com";
      w.start("DBCluster")
          .element("AllocatedStorage", 1)
          .start("AvailabilityZones");
      for (String az : List.of(region + "a", region + "b", region + "c")) {
        w.element("AvailabilityZone", az);
      }
      w.end()
          .element("BackupRetentionPeriod", c.backupRetention())
          .element("DatabaseName", "app")
          .element("DBClusterIdentifier", c.identifier())
          .element("DBClusterParameterGroup", "default.aurora-postgresql16")
          .element("DBSubnetGroup", "default")
          .element("Status", "available")
          .element("Endpoint", host)
          .element("ReaderEndpoint", host.replace(".cluster-", ".cluster-ro-"))
          .element("MultiAZ", c.members().size() > 1)
          .element("Engine", c.engine())
          .element("EngineVersion", c.engineVersion())
          .element("Port", 5432)
          .element("MasterUsername", "dbadmin")
          .element("PreferredBackupWindow", "03:10-03:40")
          .element("PreferredMaintenanceWindow", "sun:05:00-sun:05:30")
          .start("DBClusterMembers");
      for (int i = 0; i < c.members().size(); i++) {
        w.start("DBClusterMember").element("DBInstanceIdentifier", c.members().get(i)).element("IsClusterWriter", i == 0)
            .element("DBClusterParameterGroupStatus", "in-sync").element("PromotionTier", 1).end();
      }
      w.end()
          .element("HostedZoneId", "Z2R2ITUGPM61AM")
          .element("StorageEncrypted", c.storageEncrypted())
          .element("KmsKeyId", c.kmsKeyId())
          .element("DbClusterResourceId", c.resourceId())
          .element("DBClusterArn", c.arn(region, acct))
          .element("IAMDatabaseAuthenticationEnabled", false)
          .element("ClusterCreateTime", c.createTime())
          .element("EngineMode", "provisioned")
          .element("DeletionProtection", c.deletionProtection())
          .element("HttpEndpointEnabled", false)
          .element("CopyTagsToSnapshot", true)
          .element("CrossAccountClone", false);
      QueryXml.tags(w, "TagList", c.tags());
      w.end();
    }
    w.end();
    return QueryXml.finish(w, call.requestId());
  }
}
