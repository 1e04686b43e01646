package io.driftwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.simulator.admin.AdminApi;
import io.driftwatch.simulator.admin.Faults;
import io.driftwatch.simulator.acm.AcmService;
import io.driftwatch.simulator.cloudtrail.CloudTrailService;
import io.driftwatch.simulator.config.ConfigService;
import io.driftwatch.simulator.directconnect.DirectConnectService;
import io.driftwatch.simulator.elb.ElbV2Service;
import io.driftwatch.simulator.glacier.GlacierService;
import io.driftwatch.simulator.kms.KmsService;
import io.driftwatch.simulator.rds.RdsService;
import io.driftwatch.simulator.redshift.RedshiftService;
import io.driftwatch.simulator.ssm.SsmService;
import io.driftwatch.simulator.ec2.Ec2Service;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.EstateGenerator;
import io.driftwatch.simulator.estate.IamUser;
import io.driftwatch.simulator.iam.IamService;
import io.driftwatch.simulator.organizations.OrganizationsService;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.s3.S3Service;
import io.driftwatch.simulator.protocol.Caller;
import io.driftwatch.simulator.sts.CredentialStore;
import io.driftwatch.simulator.sts.StsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local AWS estate: one HTTP endpoint that speaks the real STS, Organizations, EC2 and IAM wire
 * protocols (SigV4-verified) over a seeded synthetic organization, plus an admin API under /admin/.
 */
public final class EstateSimulator implements AutoCloseable {
  /** Every AWS request received (signed or not), for benchmarks: calls per item, calls per second. */
  private final java.util.concurrent.atomic.AtomicLong awsRequests = new java.util.concurrent.atomic.AtomicLong();

  public long awsRequestsReceived() {
    return awsRequests.get();
  }

  private static final Logger LOG = Logger.getLogger(EstateSimulator.class.getName());

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // meets the client's delayed ACK and every call waits ~40 ms. Read once, when the server's
    // configuration class loads: set it before the first server is created (an explicit -D wins).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorOptions options;
  private final Estate estate;
  private final Set<String> operationsServed = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private final ExecutorService executor;
  private final AwsGateway gateway;
  private final AdminApi admin;

  private EstateSimulator(SimulatorOptions options) throws IOException {
    this.options = options;
    this.estate = EstateGenerator.generate(new EstateGenerator.Config(options.seed(), options.accountCount(),
        options.suspendedCount(), options.regions(), options.misconfigurationRate()));
    Faults faults = new Faults();
    CredentialStore credentials = new CredentialStore();
    IamUser principal = estate.user(estate.managementAccountId(), EstateGenerator.MANAGEMENT_USER_NAME).orElseThrow();
    credentials.addLongTerm(new Caller(options.managementAccessKeyId(), estate.managementAccountId(), principal.arn(),
        principal.userId(), principal.userName()), options.managementSecretAccessKey());
    this.gateway = new AwsGateway(List.of(
        new StsService(estate, credentials, faults, options.roleName(), options.externalId()),
        new OrganizationsService(estate),
        new Ec2Service(estate),
        new IamService(estate),
        new S3Service(estate),
        new CloudTrailService(estate),
        new RdsService(estate),
        new RedshiftService(estate),
        new GlacierService(estate),
        new AcmService(estate),
        new KmsService(estate),
        new ElbV2Service(estate),
        new SsmService(estate),
        new DirectConnectService(estate),
        new ConfigService(estate)), credentials, faults, operationsServed);
    this.admin = new AdminApi(estate, faults, operationsServed, options.roleName(),
        () -> java.util.Map.of("awsRequests", awsRequests.get(), "throttled", faults.throttledCalls(),
            "byOperation", gateway.callsByOperation()));

    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "estate-simulator-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 128);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  public static EstateSimulator start(SimulatorOptions options) {
    try {
      return new EstateSimulator(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the estate simulator on port " + options.port(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String managementAccountId() {
    return estate.managementAccountId();
  }

  public String managementAccessKeyId() {
    return options.managementAccessKeyId();
  }

  public String managementSecretAccessKey() {
    return options.managementSecretAccessKey();
  }

  public List<String> regions() {
    return estate.regions();
  }

  public String roleName() {
    return options.roleName();
  }

  /** Every AWS operation served so far, as {@code service:Action} (e.g. {@code ec2:DescribeInstances}). */
  public Set<String> operationsServed() {
    return Collections.unmodifiableSet(operationsServed);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
      String requestId = UUID.randomUUID().toString();
      if (path.equals("/admin") || path.startsWith("/admin/")) {
        AdminApi.Reply reply = admin.handle(exchange.getRequestMethod(), path, uri.getRawQuery(), body);
        send(exchange, reply.status(), reply.contentType(), reply.body(), requestId);
      } else {
        awsRequests.incrementAndGet();
        AwsResponse response = gateway.handle(new AwsGateway.HttpRequest(exchange.getRequestMethod(), path,
            uri.getRawQuery(), exchange.getRequestHeaders(), body), requestId);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        send(exchange, response.status(), response.contentType(), response.body(), requestId);
      }
    } catch (IOException | RuntimeException e) {
      // A broken connection or a bug must cost one request, never the server.
      LOG.log(Level.FINE, "request failed", e);
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String requestId)
      throws IOException {
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean empty = body == null || body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Flags: --port 4566 --seed 42 --accounts 12 --regions us-east-1,eu-west-1 --misconfiguration-rate 0.2. */
  public static void main(String[] args) throws InterruptedException {
    SimulatorOptions.Builder b = SimulatorOptions.builder().port(4566).bindAddress("0.0.0.0");
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--help") || flag.equals("-h")) {
          usage();
          return;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + flag);
        }
        String v = args[++i];
        switch (flag) {
          case "--port" -> b.port(Integer.parseInt(v));
          case "--seed" -> b.seed(Long.parseLong(v));
          case "--accounts" -> b.accountCount(Integer.parseInt(v));
          case "--suspended" -> b.suspendedCount(Integer.parseInt(v));
          case "--regions" -> b.regions(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
          case "--misconfiguration-rate" -> b.misconfigurationRate(Double.parseDouble(v));
          case "--role-name" -> b.roleName(v);
          case "--external-id" -> b.externalId(v);
          case "--bind" -> b.bindAddress(v);
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      SimulatorOptions options = b.build();
      EstateSimulator sim = start(options);
      Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "estate-simulator-shutdown"));
      System.out.println("Driftwatch estate simulator listening on " + sim.endpoint()
          + " (bound to " + options.bindAddress() + ":" + sim.port() + ")");
      System.out.println("  management account " + sim.managementAccountId() + ", role " + sim.roleName()
          + ", regions " + sim.regions());
      System.out.println("  export AWS_ACCESS_KEY_ID=" + sim.managementAccessKeyId()
          + " AWS_SECRET_ACCESS_KEY=" + sim.managementSecretAccessKey()
          + " AWS_ENDPOINT_URL=" + sim.endpoint() + " AWS_REGION=us-east-1");
      System.out.println("  admin API: " + sim.endpoint() + "/admin/estate");
      new CountDownLatch(1).await();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage();
      System.exit(2);
    }
  }

  private static void usage() {
    System.err.println("usage: EstateSimulator [--port 4566] [--seed 42] [--accounts 12] [--suspended 2]"
        + " [--regions us-east-1,eu-west-1] [--misconfiguration-rate 0.2] [--role-name DriftwatchReadOnly]"
        + " [--external-id ID] [--bind 0.0.0.0]");
  }
}
