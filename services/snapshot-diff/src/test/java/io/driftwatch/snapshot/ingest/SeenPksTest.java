package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeenPksTest {
    @Test
    void packedPksComeBackSortedWithDuplicatesKept() {
        long[] pks = {42, 7, 1L << 40, 7, 0, 128, 127, Long.MAX_VALUE};
        List<Long> out = new ArrayList<>();
        SeenPks.unpack(SeenPks.pack(pks, pks.length), out::add);
        assertThat(out).containsExactly(0L, 7L, 7L, 42L, 127L, 128L, 1L << 40, Long.MAX_VALUE);
    }

    @Test
    void onlyTheFirstNPksArePackedAndNothingPacksToNoBytes() {
        List<Long> out = new ArrayList<>();
        SeenPks.unpack(SeenPks.pack(new long[] {5, 3, 99}, 2), out::add);
        assertThat(out).containsExactly(3L, 5L);
        assertThat(SeenPks.pack(new long[0], 0)).isEmpty();
    }

    @Test
    void neighbouringPksTakeAboutOneByteEach() {
        Random random = new Random(7);
        long[] pks = new long[5_000];
        long pk = 1_000_000;
        for (int i = 0; i < pks.length; i++) {
            pk += 1 + random.nextInt(60);
            pks[i] = pk;
        }
        byte[] packed = SeenPks.pack(pks, pks.length);
        assertThat(packed.length).isLessThan(5_010);
        long[] back = new long[pks.length];
        int[] n = {0};
        SeenPks.unpack(packed, v -> back[n[0]++] = v);
        long[] sorted = pks.clone();
        Arrays.sort(sorted);
        assertThat(back).containsExactly(sorted);
    }

    @Test
    void malformedBytesAreRejectedNotMisread() {
        assertThatThrownBy(() -> SeenPks.unpack(new byte[] {(byte) 0x80}, v -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] overlong = new byte[11];
        Arrays.fill(overlong, (byte) 0xff);
        assertThatThrownBy(() -> SeenPks.unpack(overlong, v -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeenPks.pack(new long[] {-1}, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distinctSortsAndDropsRepeatsAcrossBatchesBeyondItsFirstCapacity() {
        SeenPks.Distinct distinct = new SeenPks.Distinct();
        for (long pk = 3_000; pk > 0; pk--) {
            distinct.accept(pk);
        }
        SeenPks.unpack(SeenPks.pack(new long[] {1, 2, 3_000, 3_001}, 4), distinct); // a batch delivered again, plus one
        long[] sorted = distinct.sorted();
        assertThat(sorted).hasSize(3_001).startsWith(1, 2, 3).endsWith(3_000, 3_001);
        assertThat(new SeenPks.Distinct().sorted()).isEmpty();
    }
}
