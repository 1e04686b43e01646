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

    /** Ticks per process ("group/pid"), and the machine's ("machine"). */
    private final Map<String, Long> start;

    private CpuMeter(Map<String, Long> start) {
        this.start = start;
    }

    static CpuMeter start() {
        return new CpuMeter(sample());
    }

    /**
     * CPU seconds since {@link #start()}: "bench JVM", "postgres", "broker", "machine". Counted per
     * process: one that started meanwhile counts whole, one that ended meanwhile (a PostgreSQL
     * backend or autovacuum worker) is left out, since its last ticks can no longer be read; summing the
     * group's ticks instead once gave PostgreSQL -0.98 s.
     */
    String since() {
        Map<String, Long> now = sample();
        Map<String, Long> spent = new LinkedHashMap<>();
        for (String group : new String[] {"bench JVM", "postgres", "broker", "machine"}) {
            spent.put(group, 0L);
        }
        for (Map.Entry<String, Long> e : now.entrySet()) {
            String group = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : e.getKey();
            spent.merge(group, e.getValue() - start.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : spent.entrySet()) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(e.getKey()).append(' ').append(String.format("%.2f s", e.getValue() / TICKS_PER_SECOND));
        }
        return out.toString();
    }

    private static Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
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
                    ticks.put(who + "/" + pid, cpu);
                }
            }
            String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user, nice, system, irq, softirq, steal
                busy += Long.parseLong(all[i]);
            }
            ticks.put("machine", busy);
        } catch (IOException | RuntimeException notLinux) {
            ticks.clear();
        }
        return ticks;
    }
}
