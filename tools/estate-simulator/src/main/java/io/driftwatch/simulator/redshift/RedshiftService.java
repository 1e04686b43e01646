package io.driftwatch.simulator.redshift;

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
import java.util.Objects;

/**
 * Redshift over the Query protocol (2012-12-01): DescribeClusters and DescribeClusterParameters
 * (each cluster parameter group's parameters; {@code require_ssl} is false in AWS's
 * {@code default.redshift-1.0}). MaxRecords 20..100 (default 100) with Marker.
 */
public final class RedshiftService extends QueryXmlService {
  public static final String XMLNS = "http://redshift.amazonaws.com/doc/2012-12-01/";

  /** name, engine default, data type, allowed values, description. */
  private static final List<String[]> PARAMETERS = List.of(
      new String[] {"auto_analyze", "true", "boolean", "true,false", "Use auto analyze"},
      new String[] {"datestyle", "ISO, MDY", "string", null, "Sets the display format for date and time values."},
      new String[] {"enable_user_activity_logging", "false", "boolean", "true,false", "parameter for audit logging purpose"},
      new String[] {"extra_float_digits", "0", "integer", "-15-2", "Sets the number of digits displayed for floating-point values"},
      new String[] {"max_concurrency_scaling_clusters", "1", "integer", "0-10", "The maximum concurrency scaling clusters can be used."},
      new String[] {"require_ssl", "false", "boolean", "true,false", "require ssl for all databaseconnections"},
      new String[] {"search_path", "$user, public", "string", null, "Sets the schema search order for names that are not schema-qualified."},
      new String[] {"statement_timeout", "0", "integer", "0,100-2147483647", "Aborts any statement that takes over the specified number of milliseconds."},
      new String[] {"use_fips_ssl", "false", "boolean", "true,false", "Use fips ssl library"});

  private final Estate estate;

  public RedshiftService(Estate estate) {
    super("redshift", XMLNS);
    this.estate = estate;
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeClusters" -> describeClusters(call);
      case "DescribeClusterParameters" -> describeClusterParameters(call);
      default -> throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version 2012-12-01");
    };
  }

  private AwsResponse describeClusters(AwsCall call) {
    QueryParams p = call.params();
    String acct = call.caller().accountId();
    String region = call.region();
    String wanted = p.get("ClusterIdentifier");
    List<ServicesModel.RedshiftCluster> list = estate.services(acct, region).redshiftClusters().stream()
        .filter(c -> wanted == null || c.identifier().equals(wanted)).toList();
    if (wanted != null && list.isEmpty()) {
      throw new AwsException("ClusterNotFound", "Cluster " + wanted + " not found.", 404);
    }
    PageToken.Page<ServicesModel.RedshiftCluster> page = QueryXml.page(p, "MaxRecords", "Marker", 20, 100, 100, list,
        ServicesModel.RedshiftCluster::identifier, "InvalidParameterValue");
    XmlWriter w = QueryXml.result("DescribeClusters", XMLNS);
    w.start("Clusters");
    for (ServicesModel.RedshiftCluster c : page.items()) {
      w.start("Cluster")
          .element("ClusterIdentifier", c.identifier())
          .element("NodeType", c.nodeType())
          .element("ClusterStatus", "available")
          .element("ClusterAvailabilityStatus", "Available")
          .element("MasterUsername", c.masterUsername())
          .element("DBName", c.dbName())
          .start("Endpoint").element("Address", c.identifier() + ".c" + acct.substring(0, 10) + "." + region + ".redshift.amazonaws.com")
          .element("Port", 5439).end()
          .element("ClusterCreateTime", c.createTime())
          .element("AutomatedSnapshotRetentionPeriod", 1)
          .element("ManualSnapshotRetentionPeriod", -1)
          .start("ClusterSecurityGroups").end()
          .start("VpcSecurityGroups").end()
          .start("ClusterParameterGroups")
          .start("ClusterParameterGroup").element("ParameterGroupName", c.parameterGroupName())
          .element("ParameterApplyStatus", "in-sync").end()
          .end()
          .element("ClusterSubnetGroupName", "default")
          .element("VpcId", c.vpcId())
          .element("AvailabilityZone", c.availabilityZone())
          .element("PreferredMaintenanceWindow", "sat:06:30-sat:07:00")
          .element("ClusterVersion", "1.0")
          .element("AllowVersionUpgrade", true)
          .element("NumberOfNodes", c.numberOfNodes())
          .element("PubliclyAccessible", c.publiclyAccessible())
          .element("Encrypted", c.encrypted())
          .element("KmsKeyId", c.kmsKeyId())
          .element("EnhancedVpcRouting", c.enhancedVpcRouting())
          .element("MaintenanceTrackName", "current")
          .element("ClusterNamespaceArn", "arn:aws:redshift:" + region + ":" + acct + ":namespace:" + c.identifier());
      w.start("Tags");
      new java.util.TreeMap<>(c.tags()).forEach((k, v) -> w.start("Tag").element("Key", k).element("Value", v).end());
      w.end().end();
    }
    w.end().element("Marker", page.nextToken());
    return QueryXml.finish(w, call.requestId());
  }

  private AwsResponse describeClusterParameters(AwsCall call) {
    QueryParams p = call.params();
    String group = p.get("ParameterGroupName");
    if (group == null || group.isEmpty()) {
      throw AwsException.badRequest("MissingParameter", "The request must contain the parameter ParameterGroupName");
    }
    ServicesModel.Regional s = estate.services(call.caller().accountId(), call.region());
    Boolean requireSsl = s.redshiftRequireSsl().get(group);
    if (requireSsl == null) {
      throw new AwsException("ClusterParameterGroupNotFound", "Could not find parameter group " + group + ".", 404);
    }
    String source = p.get("Source");
    if (source != null && !List.of("user", "engine-default").contains(source)) {
      throw AwsException.badRequest("InvalidParameterValue", "Invalid source: " + source);
    }
    List<String[]> params = PARAMETERS.stream().filter(x -> {
      boolean user = x[0].equals("require_ssl") && requireSsl;
      return source == null || source.equals(user ? "user" : "engine-default");
    }).toList();
    PageToken.Page<String[]> page = QueryXml.page(p, "MaxRecords", "Marker", 20, 100, 100, params, x -> x[0],
        "InvalidParameterValue");
    XmlWriter w = QueryXml.result("DescribeClusterParameters", XMLNS);
    w.start("Parameters");
    for (String[] x : page.items()) {
      boolean user = x[0].equals("require_ssl") && requireSsl;
      w.start("Parameter").element("ParameterName", x[0]).element("ParameterValue", user ? "true" : x[1])
          .element("Description", x[4]).element("Source", user ? "user" : "engine-default").element("DataType", x[2])
          .element("AllowedValues", x[3]).element("ApplyType", "static").element("IsModifiable", true).end();
    }
    w.end().element("Marker", page.nextToken());
    return QueryXml.finish(w, call.requestId());
  }
}
