package io.driftwatch.simulator.acm;

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
import java.util.Objects;

/**
 * ACM over JSON 1.1 ({@code CertificateManager.*}): ListCertificates (MaxItems 1..1000 / NextToken;
 * CertificateStatuses; Includes.keyTypes defaulting to RSA_1024 and RSA_2048 as in AWS) and
 * DescribeCertificate.
 */
public final class AcmService extends Json11Service {
  private static final List<String> DEFAULT_KEY_TYPES = List.of("RSA_1024", "RSA_2048");

  private final Estate estate;

  public AcmService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "acm";
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "ListCertificates" -> listCertificates(call);
      case "DescribeCertificate" -> describeCertificate(call);
      default -> throw unknown();
    };
  }

  private AwsResponse listCertificates(AwsCall call) {
    JsonNode req = call.json();
    List<String> statuses = new ArrayList<>();
    req.path("CertificateStatuses").forEach(s -> statuses.add(s.asText()));
    List<String> keyTypes = new ArrayList<>();
    req.path("Includes").path("keyTypes").forEach(k -> keyTypes.add(k.asText()));
    List<String> types = keyTypes.isEmpty() ? DEFAULT_KEY_TYPES : keyTypes;
    List<ServicesModel.Certificate> list = estate.services(call.caller().accountId(), call.region()).certificates().stream()
        .filter(c -> statuses.isEmpty() || statuses.contains(c.status()))
        .filter(c -> types.contains(c.keyAlgorithm())).toList();
    Integer max = intMember(req, "MaxItems", 1, 1000, "ValidationException");
    PageToken.Page<ServicesModel.Certificate> page = page(list, ServicesModel.Certificate::arn, text(req, "NextToken"), max,
        1000, "InvalidArgsException");
    ObjectNode out = object();
    ArrayNode summaries = out.putArray("CertificateSummaryList");
    for (ServicesModel.Certificate c : page.items()) {
      ObjectNode n = summaries.addObject();
      n.put("CertificateArn", c.arn());
      n.put("DomainName", c.domainName());
      ArrayNode sans = n.putArray("SubjectAlternativeNameSummaries");
      c.subjectAlternativeNames().forEach(sans::add);
      n.put("HasAdditionalSubjectAlternativeNames", false);
      n.put("Status", c.status());
      n.put("Type", c.type());
      n.put("KeyAlgorithm", c.keyAlgorithm());
      n.putArray("KeyUsages").add("DIGITAL_SIGNATURE").add("KEY_ENCIPHERMENT");
      n.putArray("ExtendedKeyUsages").add("TLS_WEB_SERVER_AUTHENTICATION");
      n.put("InUse", !c.inUseBy().isEmpty());
      n.put("RenewalEligibility", c.type().equals("AMAZON_ISSUED") && !c.inUseBy().isEmpty() ? "ELIGIBLE" : "INELIGIBLE");
      time(n, "NotBefore", c.notBefore());
      time(n, "NotAfter", c.notAfter());
      time(n, "CreatedAt", c.createdAt());
      time(n, c.type().equals("IMPORTED") ? "ImportedAt" : "IssuedAt", c.createdAt());
    }
    put(out, "NextToken", page.nextToken());
    return ok(out);
  }

  private AwsResponse describeCertificate(AwsCall call) {
    String arn = text(call.json(), "CertificateArn");
    if (arn == null || !arn.startsWith("arn:aws:acm:")) {
      throw AwsException.badRequest("InvalidArnException", "String '" + arn + "' is not a valid ARN");
    }
    ServicesModel.Certificate c = estate.services(call.caller().accountId(), call.region()).certificates().stream()
        .filter(x -> x.arn().equals(arn)).findFirst()
        .orElseThrow(() -> AwsException.badRequest("ResourceNotFoundException", "Could not find certificate " + arn + "."));
    ObjectNode out = object();
    ObjectNode n = out.putObject("Certificate");
    n.put("CertificateArn", c.arn());
    n.put("DomainName", c.domainName());
    ArrayNode sans = n.putArray("SubjectAlternativeNames");
    c.subjectAlternativeNames().forEach(sans::add);
    if (c.type().equals("AMAZON_ISSUED")) {
      ArrayNode dvo = n.putArray("DomainValidationOptions");
      for (String san : c.subjectAlternativeNames()) {
        ObjectNode o = dvo.addObject();
        o.put("DomainName", san);
        o.put("ValidationDomain", san);
        o.put("ValidationStatus", "SUCCESS");
        o.put("ValidationMethod", "DNS");
      }
    }
    n.put("Serial", c.serial());
    n.put("Subject", "CN=" + c.domainName());
    n.put("Issuer", c.type().equals("AMAZON_ISSUED") ? "Amazon" : "Example Corp Issuing CA");
    time(n, "CreatedAt", c.createdAt());
    time(n, c.type().equals("IMPORTED") ? "ImportedAt" : "IssuedAt", c.createdAt());
    n.put("Status", c.status());
    time(n, "NotBefore", c.notBefore());
    time(n, "NotAfter", c.notAfter());
    n.put("KeyAlgorithm", c.keyAlgorithm());
    n.put("SignatureAlgorithm", c.keyAlgorithm().startsWith("EC") ? "SHA256WITHECDSA" : "SHA256WITHRSA");
    ArrayNode inUse = n.putArray("InUseBy");
    c.inUseBy().forEach(inUse::add);
    n.put("Type", c.type());
    n.putArray("KeyUsages").addObject().put("Name", "DIGITAL_SIGNATURE");
    n.putArray("ExtendedKeyUsages").addObject().put("Name", "TLS_WEB_SERVER_AUTHENTICATION")
        .put("OID", "1.3.6.1.5.5.7.3.1");
    n.put("RenewalEligibility", c.type().equals("AMAZON_ISSUED") && !c.inUseBy().isEmpty() ? "ELIGIBLE" : "INELIGIBLE");
    n.putObject("Options").put("CertificateTransparencyLoggingPreference", "ENABLED");
    return ok(out);
  }
}
