package io.driftwatch.snapshot.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds spent by the bench's JVM, by PostgreSQL, by other Java processes (the Kafka broker) and
 * by the whole machine, from /proc (Linux only; elsewhere every figure is 0). On 2 cores, where the
 * loops compete with the broker and PostgreSQL for CPU, this says how much work each loop costs,
 * beyond how long it took.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc times (100 on every Linux this bench targets). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> start;

    private CpuMeter(Map<String, Long> start) {
        this.start = start;
    }

    static CpuMeter start() {
        return new CpuMeter(sample());
    }

    /** CPU seconds since {@link #start()}: "bench JVM", "postgres", "broker", "machine". */
    String since() {
        Map<String, Long> now = sample();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(e.getKey()).append(' ')
                    .append(String.format("%.2f s", (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND));
        }
        return out.toString();
    }

    private static Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("bench JVM", 0L);
        ticks.put("postgres", 0L);
        ticks.put("broker", 0L);
        ticks.put("machine", 0L);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the process ended while we listed
                }
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                long pid = Long.parseLong(p.getFileName().toString());
                String who = pid == self ? "bench JVM" : comm.startsWith("postgres") ? "postgres" : comm.equals("java") ? "broker" : null;
                if (who != null) {
                    ticks.merge(who, cpu, Long::sum);
                }
            }
            String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user, nice, system, irq, softirq, steal
                busy += Long.parseLong(all[i]);
            }
            ticks.put("machine", busy);
        } catch (IOException | RuntimeException notLinux) {
            ticks.replaceAll((k, v) -> 0L);
        }
        return ticks;
    }
}
