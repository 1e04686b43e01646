package io.driftwatch.simulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.Json11Service;
import io.driftwatch.simulator.protocol.PageToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Systems Manager over JSON 1.1 ({@code AmazonSSM.*}): DescribeInstanceInformation (MaxResults
 * 5..50 / NextToken; Filters InstanceIds, PingStatus, PlatformTypes, ResourceType) and
 * DescribeInstancePatchStates (InstanceIds 1..50 required, MaxResults 10..100 / NextToken; instances
 * never scanned are simply absent).
 */
public final class SsmService extends Json11Service {
  private final Estate estate;

  public SsmService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "ssm";
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "DescribeInstanceInformation" -> describeInstanceInformation(call);
      case "DescribeInstancePatchStates" -> describeInstancePatchStates(call);
      default -> throw unknown();
    };
  }

  private AwsResponse describeInstanceInformation(AwsCall call) {
    JsonNode req = call.json();
    Integer max = intMember(req, "MaxResults", 5, 50, "ValidationException");
    List<ServicesModel.ManagedInstance> list = new ArrayList<>(estate.services(call.caller().accountId(), call.region())
        .managedInstances());
    for (JsonNode f : req.path("Filters")) {
      String key = f.path("Key").asText();
      List<String> values = new ArrayList<>();
      f.path("Values").forEach(v -> values.add(v.asText()));
      java.util.function.Function<ServicesModel.ManagedInstance, String> field = switch (key) {
        case "InstanceIds" -> ServicesModel.ManagedInstance::instanceId;
        case "PingStatus" -> ServicesModel.ManagedInstance::pingStatus;
        case "PlatformTypes" -> ServicesModel.ManagedInstance::platformType;
        case "ResourceType" -> ServicesModel.ManagedInstance::resourceType;
        default -> throw AwsException.badRequest("InvalidFilterKey", "The specified key is not valid: " + key);
      };
      list.removeIf(mi -> !values.contains(field.apply(mi)));
    }
    PageToken.Page<ServicesModel.ManagedInstance> page = page(list, ServicesModel.ManagedInstance::instanceId,
        text(req, "NextToken"), max, 50, "InvalidNextToken");
    ObjectNode out = object();
    ArrayNode items = out.putArray("InstanceInformationList");
    for (ServicesModel.ManagedInstance mi : page.items()) {
      ObjectNode n = items.addObject();
      n.put("InstanceId", mi.instanceId());
      n.put("PingStatus", mi.pingStatus());
      time(n, "LastPingDateTime", mi.lastPing());
      n.put("AgentVersion", mi.agentVersion());
      n.put("IsLatestVersion", mi.latestAgent());
      n.put("PlatformType", mi.platformType());
      n.put("PlatformName", mi.platformName());
      n.put("PlatformVersion", mi.platformVersion());
      if (mi.resourceType().equals("ManagedInstance")) {
        n.put("ActivationId", "a1b2c3d4-0000-4000-8000-" + mi.instanceId().substring(3, 15));
        time(n, "RegistrationDate", mi.registrationDate());
        n.put("Name", mi.computerName());
      }
      put(n, "IamRole", mi.iamRole());
      n.put("ResourceType", mi.resourceType());
      n.put("IPAddress", mi.ipAddress());
      n.put("ComputerName", mi.computerName());
      n.put("AssociationStatus", "Success");
      ObjectNode overview = n.putObject("AssociationOverview");
      overview.put("DetailedStatus", "Success");
      overview.putObject("InstanceAssociationStatusAggregatedCount").put("Success", 1);
      n.put("SourceId", mi.instanceId());
      n.put("SourceType", mi.resourceType().equals("EC2Instance") ? "AWS::EC2::Instance" : "AWS::SSM::ManagedInstance");
    }
    put(out, "NextToken", page.nextToken());
    return ok(out);
  }

  private AwsResponse describeInstancePatchStates(AwsCall call) {
    JsonNode req = call.json();
    List<String> ids = new ArrayList<>();
    req.path("InstanceIds").forEach(i -> ids.add(i.asText()));
    if (ids.isEmpty() || ids.size() > 50) {
      throw AwsException.badRequest("ValidationException", "1 validation error detected: Value at 'instanceIds' failed to "
          + "satisfy constraint: Member must have length less than or equal to 50 and greater than or equal to 1");
    }
    Integer max = intMember(req, "MaxResults", 10, 100, "ValidationException");
    List<ServicesModel.ManagedInstance> list = estate.services(call.caller().accountId(), call.region()).managedInstances()
        .stream().filter(mi -> mi.patch() != null && ids.contains(mi.instanceId())).toList();
    PageToken.Page<ServicesModel.ManagedInstance> page = page(list, ServicesModel.ManagedInstance::instanceId,
        text(req, "NextToken"), max, 10, "InvalidNextToken");
    ObjectNode out = object();
    ArrayNode states = out.putArray("InstancePatchStates");
    for (ServicesModel.ManagedInstance mi : page.items()) {
      ServicesModel.PatchState p = mi.patch();
      ObjectNode n = states.addObject();
      n.put("InstanceId", mi.instanceId());
      n.put("PatchGroup", p.patchGroup() == null ? "" : p.patchGroup());
      n.put("BaselineId", p.baselineId());
      for (Map.Entry<String, Integer> c : Map.of("InstalledCount", p.installed(), "InstalledOtherCount", p.installedOther(),
          "InstalledPendingRebootCount", p.installedPendingReboot(), "InstalledRejectedCount", 0, "MissingCount", p.missing(),
          "FailedCount", p.failed(), "UnreportedNotApplicableCount", 0, "NotApplicableCount", p.notApplicable()).entrySet()) {
        n.put(c.getKey(), c.getValue());
      }
      time(n, "OperationStartTime", p.operationStart());
      time(n, "OperationEndTime", p.operationEnd());
      n.put("Operation", p.operation());
      n.put("RebootOption", "RebootIfNeeded");
      n.put("CriticalNonCompliantCount", p.criticalNonCompliant());
      n.put("SecurityNonCompliantCount", p.securityNonCompliant());
      n.put("OtherNonCompliantCount", Math.max(0, p.missing() + p.failed() - p.securityNonCompliant()));
    }
    put(out, "NextToken", page.nextToken());
    return ok(out);
  }
}
