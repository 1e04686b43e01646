package io.driftwatch.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a forked infrastructure JVM: runs the real main class and exits when the
 * parent process dies, so a killed launcher or test JVM never leaves a broker behind.
 * Usage: {@code ParentWatchingMain <parentPid> <mainClass> [args...]}.
 */
public final class ParentWatchingMain {
    private ParentWatchingMain() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        Thread watcher = new Thread(() -> {
            while (true) {
                if (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    Runtime.getRuntime().halt(0);
                }
            }
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
