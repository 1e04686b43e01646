package io.driftwatch.launcher;

import io.driftwatch.infra.ParentWatchingMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Driftwatch service, run from its packaged Quarkus application in its own JVM. It is started
 * through {@link ParentWatchingMain} so it exits if the launcher dies without stopping it.
 * Configuration, secrets included, goes through the environment, never the command line.
 */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts service {@code app} as instance {@code name} (several instances of one app may run). */
    static ServiceProcess start(Path repositoryRoot, String appName, String name, int port, Map<String, String> env,
                                Path logDir) {
        Path app = repositoryRoot.resolve("services").resolve(appName).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException("missing " + app + ": build first with ./mvnw install -DskipTests");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xms64m");
            command.add("-Xmx" + env.getOrDefault("DRIFTWATCH_JVM_MAX_HEAP", "512m"));
            command.add("-XX:+UseSerialGC");
            if (appName.equals("collector")) {
                // The collector runs 15 AWS SDK clients' worth of code: C2 compiled ~27,000 methods and
                // spent more CPU compiling than collecting on 2 cores. C1 alone collected 29 % more
                // items per second (docs/benchmarks.md).
                command.add("-XX:TieredStopAtLevel=1");
            }
            command.add("-cp");
            command.add(app + File.pathSeparator + ownLocation());
            command.add(ParentWatchingMain.class.getName());
            command.add(String.valueOf(ProcessHandle.current().pid()));
            command.add("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("DRIFTWATCH_HTTP_PORT", String.valueOf(port));
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ownLocation() {
        try {
            return Path.of(ParentWatchingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until /q/health/ready reports UP (Kafka and the database reachable). */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (" + last + "); see " + log);
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
