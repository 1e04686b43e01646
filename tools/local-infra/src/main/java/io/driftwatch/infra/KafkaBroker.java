package io.driftwatch.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker in KRaft mode, run from the org.apache.kafka Maven
 * artifacts in its own JVM.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/driftwatch/kafka-broker.classpath";

    private final Process process;
    private final int port;
    private final Path workDir;

    private KafkaBroker(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    /** Starts on ports from {@link Ports#free()}, on fresh ones if another process took one meanwhile. */
    public static KafkaBroker startOnFreePorts(Path workDir) {
        return Ports.startOnFreePorts(() -> start(workDir, Ports.free(), Ports.free()));
    }

    public static KafkaBroker start(Path workDir, int port, int controllerPort) {
        if (Ports.isOpen("127.0.0.1", port) || Ports.isOpen("127.0.0.1", controllerPort)) {
            throw new PortInUseException("port " + port + " or " + controllerPort + " is already in use: is another Kafka broker running?");
        }
        try {
            Dirs.deleteRecursively(workDir);
            Files.createDirectories(workDir);
            Path logDir = workDir.resolve("data");
            Path config = workDir.resolve("server.properties");
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "6");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "6");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "Driftwatch local broker");
            }
            Path log4j = workDir.resolve("log4j2.properties");
            Files.writeString(log4j, """
                    rootLogger.level = WARN
                    rootLogger.appenderRef.file.ref = FILE
                    appender.file.type = File
                    appender.file.name = FILE
                    appender.file.fileName = %s
                    appender.file.layout.type = PatternLayout
                    appender.file.layout.pattern = %%d %%p %%c - %%m%%n
                    """.formatted(workDir.resolve("broker.log")));

            String clusterId = Uuid.randomUuid().toString();
            Process format = fork(workDir, log4j, "kafka.tools.StorageTool",
                    List.of("format", "--standalone", "-t", clusterId, "-c", config.toString()), "format.log");
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + workDir.resolve("format.log"));
            }
            Process broker = fork(workDir, log4j, "kafka.Kafka", List.of(config.toString()), "broker.out");
            KafkaBroker kafka = new KafkaBroker(broker, port, workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-broker-stop"));
            Ports.awaitOpen("127.0.0.1", port, Duration.ofSeconds(60), broker, "Kafka broker");
            kafka.awaitReady(Duration.ofSeconds(60));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process fork(Path workDir, Path log4j, String mainClass, List<String> args, String outFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx1g");
        command.add("-XX:+UseG1GC");
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(brokerClasspath());
        command.add(ParentWatchingMain.class.getName());
        command.add(String.valueOf(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(outFile).toFile())
                .start();
    }

    /** The broker's classpath: this module's own classes plus the Kafka artifacts recorded at build time. */
    static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CLASSPATH_RESOURCE + "; build tools/local-infra first");
            }
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self;
            try {
                self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            return self + java.io.File.pathSeparator + deps;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
                Ports.sleep(200);
            }
        }
        throw new IllegalStateException("Kafka broker not ready; see " + workDir.resolve("broker.log"), last);
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Creates the topics (idempotent). */
    public void createTopics(List<String> names, int partitions) {
        createTopics(bootstrapServers(), names, partitions);
    }

    public static void createTopics(String bootstrapServers, List<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's work directory (configuration, log directory, output). */
    public Path directory() {
        return workDir;
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
