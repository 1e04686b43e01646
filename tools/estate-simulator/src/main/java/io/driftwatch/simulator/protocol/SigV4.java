package io.driftwatch.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** AWS Signature Version 4 (header form): parsing the Authorization header and verifying it. */
public final class SigV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private SigV4() {}

  /** The parsed Authorization header; the credential scope routes the request. */
  public record Authorization(String accessKeyId, String date, String region, String service,
                              List<String> signedHeaders, String signature) {
    String scope() {
      return date + "/" + region + "/" + service + "/aws4_request";
    }
  }

  /** The parts of an HTTP request that enter the canonical request. */
  public record SignedRequest(String method, String rawPath, String rawQuery,
                              Function<String, List<String>> headers, byte[] body) {}

  public static Authorization parse(String header) {
    if (header == null || header.isBlank()) {
      throw AwsException.forbidden("MissingAuthenticationToken", "Request is missing Authentication Token");
    }
    if (!header.startsWith(ALGORITHM + " ")) {
      throw AwsException.forbidden("IncompleteSignature",
          "Authorization header requires the " + ALGORITHM + " algorithm.");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = p.substring(eq + 1).trim();
      switch (p.substring(0, eq).trim()) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> { }
      }
    }
    if (credential == null || signedHeaders == null || signature == null) {
      throw AwsException.forbidden("IncompleteSignature",
          "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=" + header);
    }
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()
        || !scope[1].matches("\\d{8}") || scope[2].isEmpty() || scope[3].isEmpty()) {
      throw AwsException.forbidden("IncompleteSignature",
          "Credential should be scoped to a valid region, service and aws4_request terminator. Credential=" + credential);
    }
    List<String> headers = Arrays.asList(signedHeaders.toLowerCase().split(";"));
    if (!headers.contains("host")) {
      throw AwsException.forbidden("SignatureDoesNotMatch", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    return new Authorization(scope[0], scope[1], scope[2], scope[3], headers, signature.toLowerCase());
  }

  /** Recomputes the signature with {@code secret} and rejects the request unless it matches. */
  public static void verify(SignedRequest request, Authorization auth, String secret, Instant now) {
    String amzDate = first(request.headers().apply("x-amz-date"));
    if (amzDate == null) {
      throw AwsException.forbidden("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate.trim(), AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw AwsException.forbidden("IncompleteSignature", "X-Amz-Date must be in ISO8601 basic format: " + amzDate);
    }
    if (!amzDate.startsWith(auth.date())) {
      throw AwsException.forbidden("SignatureDoesNotMatch",
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + auth.date() + "' != '" + amzDate.substring(0, 8) + "'");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw AwsException.forbidden("SignatureDoesNotMatch",
          "Signature expired: " + amzDate + " is now earlier or later than 15 minutes from " + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)));
    }
    String payloadHash = payloadHash(request);
    byte[] key = signingKey(secret, auth.date(), auth.region(), auth.service());
    byte[] expected = HexFormat.of().parseHex(auth.signature().matches("[0-9a-f]{64}") ? auth.signature() : "00");
    // The SDK encodes the path once more for non-S3 services; accept either form.
    for (String uri : List.of(uriEncode(request.rawPath(), false), request.rawPath())) {
      String canonical = canonicalRequest(request, auth.signedHeaders(), uri, payloadHash);
      String stringToSign = ALGORITHM + "\n" + amzDate.trim() + "\n" + auth.scope() + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
      if (MessageDigest.isEqual(expected, hmac(key, stringToSign))) {
        return;
      }
    }
    throw AwsException.forbidden("SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
  }

  private static String payloadHash(SignedRequest request) {
    String actual = sha256Hex(request.body());
    String declared = first(request.headers().apply("x-amz-content-sha256"));
    if (declared == null || declared.startsWith("UNSIGNED-PAYLOAD") || declared.startsWith("STREAMING-")) {
      return declared == null ? actual : declared;
    }
    if (!declared.equalsIgnoreCase(actual)) {
      throw AwsException.badRequest("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return declared;
  }

  static String canonicalRequest(SignedRequest request, List<String> signedHeaders, String canonicalUri, String payloadHash) {
    StringBuilder headers = new StringBuilder();
    List<String> sortedNames = new ArrayList<>(signedHeaders);
    sortedNames.sort(null);
    for (String name : sortedNames) {
      List<String> values = request.headers().apply(name);
      List<String> cleaned = new ArrayList<>();
      if (values != null) {
        for (String v : values) {
          cleaned.add(v.trim().replaceAll("\\s+", " "));
        }
      }
      headers.append(name).append(':').append(String.join(",", cleaned)).append('\n');
    }
    return request.method() + "\n"
        + (canonicalUri.isEmpty() ? "/" : canonicalUri) + "\n"
        + canonicalQuery(request.rawQuery()) + "\n"
        + headers + "\n"
        + String.join(";", sortedNames) + "\n"
        + payloadHash;
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {uriEncode(percentDecode(k), true), uriEncode(percentDecode(v), true)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder b = new StringBuilder();
    for (String[] p : pairs) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(p[0]).append('=').append(p[1]);
    }
    return b.toString();
  }

  /** RFC 3986 encoding as SigV4 defines it; {@code encodeSlash} is false for paths. */
  public static String uriEncode(String s, boolean encodeSlash) {
    StringBuilder b = new StringBuilder();
    for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
      int c = raw & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out[n++] = (byte) ((hi << 4) | lo);
          i += 2;
          continue;
        }
      }
      for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
        out[n++] = x;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  public static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, service);
    return hmac(k, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Header lookup over a map whose keys may have any case. */
  public static Function<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
    return name -> {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    };
  }
}
