package io.driftwatch.simulator.s3;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.StorageModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.WireErrors;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * S3 over REST-XML with path-style addressing ({@code /bucket?encryption}): the bucket-level reads
 * a configuration inventory needs. ListBuckets is global; bucket reads are scoped to the caller's account.
 */
public final class S3Service implements AwsService {
  public static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
  /** Bucket sub-resources and the operation each GET names. */
  private static final Map<String, String> SUBRESOURCES = Map.of(
      "location", "GetBucketLocation",
      "encryption", "GetBucketEncryption",
      "publicAccessBlock", "GetPublicAccessBlock",
      "policy", "GetBucketPolicy",
      "versioning", "GetBucketVersioning",
      "logging", "GetBucketLogging",
      "tagging", "GetBucketTagging");

  private final Estate estate;

  public S3Service(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "s3";
  }

  @Override
  public Wire wire() {
    return Wire.REST_XML;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.s3(e, requestId);
  }

  @Override
  public AwsException throttled() {
    return new AwsException("SlowDown", "Please reduce your request rate.", 503);
  }

  @Override
  public String restAction(String method, String rawPath, QueryParams query) {
    if ("PUT".equals(method) && objectKey(rawPath) != null) {
      return "PutObject";
    }
    String bucket = bucketName(rawPath);
    if (!"GET".equals(method)) {
      throw new AwsException("MethodNotAllowed", "The specified method is not allowed against this resource.", 405);
    }
    if (bucket == null) {
      return "ListBuckets";
    }
    for (Map.Entry<String, String> sub : SUBRESOURCES.entrySet()) {
      if (query.get(sub.getKey()) != null) {
        return sub.getValue();
      }
    }
    throw new AwsException("NotImplemented", "A header or query you provided implies functionality that is not implemented.", 501);
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    String action = Objects.requireNonNullElse(call.action(), "");
    if (action.equals("ListBuckets")) {
      return listBuckets(call);
    }
    StorageModel.Bucket b = bucket(call);
    if (action.equals("PutObject")) {
      return putObject(call, b);
    }
    return switch (action) {
      case "GetBucketLocation" -> AwsResponse.restXml(XmlWriter.document("LocationConstraint", XMLNS)
          // us-east-1 is the empty location constraint, a legacy S3 keeps.
          .text(b.region().equals("us-east-1") ? "" : b.region()).finish());
      case "GetBucketEncryption" -> encryption(b);
      case "GetPublicAccessBlock" -> publicAccessBlock(b);
      case "GetBucketPolicy" -> {
        if (b.policy() == null) {
          throw new AwsException("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
        }
        yield new AwsResponse(200, "application/json", b.policy().getBytes(StandardCharsets.UTF_8));
      }
      case "GetBucketVersioning" -> AwsResponse.restXml(XmlWriter.document("VersioningConfiguration", XMLNS)
          .element("Status", b.versioning()).finish());
      case "GetBucketLogging" -> {
        XmlWriter w = XmlWriter.document("BucketLoggingStatus", XMLNS);
        if (b.logTargetBucket() != null) {
          w.start("LoggingEnabled").element("TargetBucket", b.logTargetBucket()).element("TargetPrefix", b.logTargetPrefix()).end();
        }
        yield AwsResponse.restXml(w.finish());
      }
      case "GetBucketTagging" -> {
        if (b.tags().isEmpty()) {
          throw new AwsException("NoSuchTagSet", "The TagSet does not exist", 404);
        }
        XmlWriter w = XmlWriter.document("Tagging", XMLNS).start("TagSet");
        b.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(t -> w.start("Tag").element("Key", t.getKey()).element("Value", t.getValue()).end());
        yield AwsResponse.restXml(w.end().finish());
      }
      default -> throw new AwsException("NotImplemented", "Not implemented: " + action, 501);
    };
  }

  private AwsResponse listBuckets(AwsCall call) {
    QueryParams q = call.params();
    String region = q.get("bucket-region");
    String prefix = Objects.requireNonNullElse(q.get("prefix"), "");
    int max = 10_000;
    if (q.get("max-buckets") != null) {
      max = q.intParam("max-buckets", 1, 10_000, "InvalidArgument");
    }
    List<StorageModel.Bucket> buckets = estate.buckets(call.caller().accountId()).stream()
        .filter(b -> region == null || region.isEmpty() || b.region().equals(region))
        .filter(b -> b.name().startsWith(prefix)).toList();
    PageToken.Page<StorageModel.Bucket> page = PageToken.page(buckets, StorageModel.Bucket::name,
        q.get("continuation-token"), max, "InvalidArgument");
    String account = call.caller().accountId();
    XmlWriter w = XmlWriter.document("ListAllMyBucketsResult", XMLNS)
        .start("Owner").element("ID", canonicalUserId(account)).element("DisplayName", "account-" + account).end()
        .start("Buckets");
    for (StorageModel.Bucket b : page.items()) {
      w.start("Bucket").element("Name", b.name()).element("CreationDate", b.creationDate())
          .element("BucketRegion", b.region()).element("BucketArn", b.arn()).end();
    }
    w.end().element("ContinuationToken", page.nextToken());
    if (!prefix.isEmpty()) {
      w.element("Prefix", prefix);
    }
    return AwsResponse.restXml(w.finish());
  }

  private static AwsResponse encryption(StorageModel.Bucket b) {
    if (b.sseAlgorithm() == null) {
      throw new AwsException("ServerSideEncryptionConfigurationNotFoundError",
          "The server side encryption configuration was not found", 404);
    }
    return AwsResponse.restXml(XmlWriter.document("ServerSideEncryptionConfiguration", XMLNS)
        .start("Rule").start("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", b.sseAlgorithm())
        .element("KMSMasterKeyID", b.kmsKeyId()).end()
        .element("BucketKeyEnabled", "aws:kms".equals(b.sseAlgorithm())).end().finish());
  }

  private static AwsResponse publicAccessBlock(StorageModel.Bucket b) {
    StorageModel.PublicAccessBlock p = b.publicAccessBlock();
    if (p == null) {
      throw new AwsException("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
    }
    return AwsResponse.restXml(XmlWriter.document("PublicAccessBlockConfiguration", XMLNS)
        .element("BlockPublicAcls", p.blockPublicAcls()).element("IgnorePublicAcls", p.ignorePublicAcls())
        .element("BlockPublicPolicy", p.blockPublicPolicy()).element("RestrictPublicBuckets", p.restrictPublicBuckets())
        .finish());
  }

  /** Stores the body whole (the caller sends plain signed payloads, as Driftwatch's snapshot delivery does). */
  private AwsResponse putObject(AwsCall call, StorageModel.Bucket b) {
    byte[] body = call.body();
    estate.putObject(call.caller().accountId(), new StorageModel.S3Object(b.name(), objectKey(call.path()), body,
        java.time.Instant.now()));
    return new AwsResponse(200, null, new byte[0], Map.of("ETag", "\"" + md5Hex(body) + "\""));
  }

  private static String md5Hex(byte[] body) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The caller's bucket; another account's bucket is AccessDenied, an unknown name NoSuchBucket, as in S3. */
  private StorageModel.Bucket bucket(AwsCall call) {
    String name = "PutObject".equals(call.action()) ? objectBucket(call.path()) : bucketName(call.path());
    Optional<StorageModel.Bucket> own = estate.buckets(call.caller().accountId()).stream()
        .filter(b -> b.name().equals(name)).findFirst();
    if (own.isPresent()) {
      return own.get();
    }
    boolean elsewhere = estate.accounts().stream()
        .anyMatch(a -> estate.buckets(a.id()).stream().anyMatch(b -> b.name().equals(name)));
    if (elsewhere) {
      throw new AwsException("AccessDenied", "Access Denied", 403);
    }
    throw new AwsException("NoSuchBucket", "The specified bucket does not exist", 404);
  }

  /** The bucket of a path-style request ({@code /bucket} or {@code /bucket/}); null for the service root. */
  static String bucketName(String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return null;
    }
    if (p.contains("/")) {
      throw new AwsException("NotImplemented", "Object operations are not simulated.", 501);
    }
    return URLDecoder.decode(p, StandardCharsets.UTF_8);
  }

  /** The object key of a path-style {@code /bucket/key} request (percent-decoded), or null if there is none. */
  static String objectKey(String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    int slash = p.indexOf('/');
    if (slash < 0 || slash == p.length() - 1) {
      return null;
    }
    return URLDecoder.decode(p.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String objectBucket(String rawPath) {
    String p = rawPath.replaceFirst("^/+", "");
    return URLDecoder.decode(p.substring(0, p.indexOf('/')), StandardCharsets.UTF_8);
  }

  private static String canonicalUserId(String account) {
    return io.driftwatch.simulator.protocol.SigV4.sha256Hex(("s3-owner-" + account).getBytes(StandardCharsets.UTF_8));
  }
}
