package io.driftwatch.snapshot.ingest;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The resource pks a batch saw in one (run, account), packed for {@code run_seen.packed_pks}: sorted,
 * then each as its difference from the previous one, in unsigned LEB128 varints. A batch of 5,000
 * neighbouring pks packs into about 5 KB instead of a 40 KB {@code bigint[]}, and PostgreSQL stores
 * the bytes as they come instead of parsing, unnesting and re-aggregating an array.
 */
final class SeenPks {
    private SeenPks() {
    }

    /** Packs the first {@code n} pks (negative pks are not resource pks and are rejected). */
    static byte[] pack(long[] pks, int n) {
        long[] sorted = Arrays.copyOf(pks, n);
        Arrays.sort(sorted);
        if (n > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("negative resource pk: " + sorted[0]);
        }
        byte[] out = new byte[n * 2 + 16];
        int len = 0;
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long delta = sorted[i] - previous;
            previous = sorted[i];
            if (out.length - len < 10) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            while ((delta & ~0x7FL) != 0) {
                out[len++] = (byte) ((delta & 0x7F) | 0x80);
                delta >>>= 7;
            }
            out[len++] = (byte) delta;
        }
        return Arrays.copyOf(out, len);
    }

    /** Hands every packed pk to {@code sink}, in ascending order. */
    static void unpack(byte[] packed, LongConsumer sink) {
        long previous = 0;
        int i = 0;
        while (i < packed.length) {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                if (i == packed.length || shift > 63) {
                    throw new IllegalArgumentException("truncated or overlong varint in packed resource pks");
                }
                b = packed[i++];
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            previous += delta;
            sink.accept(previous);
        }
    }

    /** Collects pks (for example from several {@link #unpack} calls) into a sorted array of distinct pks. */
    static final class Distinct implements LongConsumer {
        private long[] pks = new long[1024];
        private int n;

        @Override
        public void accept(long pk) {
            if (n == pks.length) {
                pks = Arrays.copyOf(pks, n * 2);
            }
            pks[n++] = pk;
        }

        /** The pks accepted so far, sorted, each once. */
        long[] sorted() {
            long[] sorted = Arrays.copyOf(pks, n);
            Arrays.sort(sorted);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m == 0 || sorted[i] != sorted[m - 1]) {
                    sorted[m++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, m);
        }
    }
}
