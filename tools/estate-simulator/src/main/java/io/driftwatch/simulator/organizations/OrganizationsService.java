package io.driftwatch.simulator.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Account;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.WireErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** AWS Organizations over JSON 1.1; only the management account may call it. */
public final class OrganizationsService implements AwsService {
  public static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Estate estate;

  public OrganizationsService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "organizations";
  }

  @Override
  public Wire wire() {
    return Wire.JSON_11;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.json(e);
  }

  @Override
  public AwsException throttled() {
    return AwsException.badRequest("TooManyRequestsException", "AWS Organizations can't complete your request because another request is already in progress. Try again later.");
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    String action = Objects.requireNonNullElse(call.action(), "");
    if (!action.equals("ListAccounts") && !action.equals("DescribeOrganization")) {
      throw AwsException.badRequest("UnknownOperationException", null);
    }
    if (!call.caller().accountId().equals(estate.managementAccountId())) {
      throw AwsException.badRequest("AccessDeniedException", "You don't have permissions to access this resource.");
    }
    return action.equals("ListAccounts") ? listAccounts(call.json()) : describeOrganization();
  }

  private AwsResponse listAccounts(JsonNode request) {
    int max = 20;
    JsonNode maxNode = request.get("MaxResults");
    if (maxNode != null && !maxNode.isNull()) {
      if (!maxNode.canConvertToInt() || maxNode.asInt() < 1 || maxNode.asInt() > 20) {
        throw AwsException.badRequest("InvalidInputException", "You provided a value that does not match the required pattern: MaxResults must be between 1 and 20.");
      }
      max = maxNode.asInt();
    }
    JsonNode tokenNode = request.get("NextToken");
    String token = tokenNode == null || tokenNode.isNull() ? null : tokenNode.asText();
    List<Account> accounts = new ArrayList<>(estate.accounts());
    accounts.sort(Comparator.comparing(Account::id));
    PageToken.Page<Account> page = PageToken.page(accounts, Account::id, token, max, "InvalidInputException");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("Accounts");
    for (Account a : page.items()) {
      ObjectNode n = list.addObject();
      n.put("Id", a.id());
      n.put("Arn", "arn:aws:organizations::" + estate.managementAccountId() + ":account/" + estate.organizationId() + "/" + a.id());
      n.put("Email", a.email());
      n.put("Name", a.name());
      n.put("Status", a.status().name());
      n.put("JoinedMethod", a.joinedMethod());
      // JSON 1.1 timestamps are epoch seconds, possibly fractional.
      n.put("JoinedTimestamp", BigDecimal.valueOf(a.joinedTimestamp().toEpochMilli(), 3));
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return AwsResponse.json(out.toString());
  }

  private AwsResponse describeOrganization() {
    String mgmt = estate.managementAccountId();
    ObjectNode out = JSON.createObjectNode();
    ObjectNode org = out.putObject("Organization");
    org.put("Id", estate.organizationId());
    org.put("Arn", "arn:aws:organizations::" + mgmt + ":organization/" + estate.organizationId());
    org.put("FeatureSet", "ALL");
    org.put("MasterAccountArn", "arn:aws:organizations::" + mgmt + ":account/" + estate.organizationId() + "/" + mgmt);
    org.put("MasterAccountId", mgmt);
    estate.account(mgmt).ifPresent(a -> org.put("MasterAccountEmail", a.email()));
    org.putArray("AvailablePolicyTypes");
    return AwsResponse.json(out.toString());
  }
}
