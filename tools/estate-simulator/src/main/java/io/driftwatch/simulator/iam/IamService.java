package io.driftwatch.simulator.iam;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.IamUser;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.WireErrors;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** IAM over the Query protocol. IAM is global: the region in the scope is ignored, the account is the caller's. */
public final class IamService implements AwsService {
  public static final String XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

  private final Estate estate;

  public IamService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "iam";
  }

  @Override
  public Wire wire() {
    return Wire.QUERY;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.query(e, requestId, XMLNS);
  }

  @Override
  public AwsException throttled() {
    return AwsException.badRequest("Throttling", "Rate exceeded");
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "ListUsers" -> listUsers(call);
      case "ListMFADevices" -> listMfaDevices(call);
      case "GetLoginProfile" -> getLoginProfile(call);
      case "GetUser" -> getUser(call);
      default -> throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version 2010-05-08");
    };
  }

  private AwsResponse listUsers(AwsCall call) {
    QueryParams p = call.params();
    String prefix = Objects.requireNonNullElse(p.get("PathPrefix"), "/");
    List<IamUser> users = new ArrayList<>();
    for (IamUser u : estate.users(call.caller().accountId())) {
      if (u.path().startsWith(prefix)) {
        users.add(u);
      }
    }
    PageToken.Page<IamUser> page = page(p, users, IamUser::userName);
    XmlWriter w = start("ListUsers", page.nextToken()).start("Users");
    for (IamUser u : page.items()) {
      user(w.start("member"), u).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse getUser(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    XmlWriter w = XmlWriter.document("GetUserResponse", XMLNS).start("GetUserResult").start("User");
    user(w, u).end().end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  private AwsResponse listMfaDevices(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    PageToken.Page<IamUser.MfaDevice> page = page(call.params(), u.mfaDevices(), IamUser.MfaDevice::serialNumber);
    XmlWriter w = start("ListMFADevices", page.nextToken()).start("MFADevices");
    for (IamUser.MfaDevice d : page.items()) {
      w.start("member").element("UserName", u.userName()).element("SerialNumber", d.serialNumber())
          .element("EnableDate", d.enableDate()).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse getLoginProfile(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    if (u.loginProfile() == null) {
      throw new AwsException("NoSuchEntity", "Login Profile for User " + u.userName() + " cannot be found.", 404);
    }
    return AwsResponse.xml(XmlWriter.document("GetLoginProfileResponse", XMLNS)
        .start("GetLoginProfileResult").start("LoginProfile")
        .element("UserName", u.userName())
        .element("CreateDate", u.loginProfile().createDate())
        .element("PasswordResetRequired", u.loginProfile().passwordResetRequired())
        .end().end()
        .start("ResponseMetadata").element("RequestId", call.requestId()).end()
        .finish());
  }

  /** Resolves the named user, or the calling user when no name is given (as IAM does). */
  private IamUser user(AwsCall call, String userName) {
    String name = userName;
    if (name == null || name.isEmpty()) {
      if (!call.caller().isUser()) {
        throw AwsException.badRequest("ValidationError", "Must specify userName when calling with non-User credentials");
      }
      name = call.caller().userName();
    }
    String n = name;
    return estate.user(call.caller().accountId(), n).orElseThrow(() ->
        new AwsException("NoSuchEntity", "The user with name " + n + " cannot be found.", 404));
  }

  private static XmlWriter user(XmlWriter w, IamUser u) {
    return w.element("Path", u.path()).element("UserName", u.userName()).element("UserId", u.userId())
        .element("Arn", u.arn()).element("CreateDate", u.createDate()).element("PasswordLastUsed", u.passwordLastUsed());
  }

  private static <T> PageToken.Page<T> page(QueryParams p, List<T> items, java.util.function.Function<T, String> key) {
    Integer max = p.intParam("MaxItems", 1, 1000, "ValidationError");
    return PageToken.page(items, key, p.get("Marker"), max == null ? 100 : max, "InvalidInput");
  }

  private static XmlWriter start(String action, String marker) {
    return XmlWriter.document(action + "Response", XMLNS).start(action + "Result")
        .element("IsTruncated", marker != null);
  }

  private static AwsResponse finish(XmlWriter w, AwsCall call, String marker) {
    w.element("Marker", marker).end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }
}
