package io.driftwatch.snapshot.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.snapshot.inventory.InventoryFilter;
import io.driftwatch.snapshot.inventory.ItemViews;
import io.driftwatch.snapshot.inventory.SnapshotCatalog;
import io.driftwatch.snapshot.inventory.StateReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot's inventory as JSON Lines of AWS-Config-like items, streamed or split per region into files. */
@ApplicationScoped
public class SnapshotExporter {
    @Inject
    StateReader reader;

    public void write(SnapshotCatalog.Snapshot s, OutputStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        reader.forEachAt(s.completedAt(), filter(s), v -> line(w, ItemViews.awsConfigItem(v)));
        try {
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One temporary JSONL file per region; the caller deletes them. */
    public Map<String, Path> writePerRegion(SnapshotCatalog.Snapshot s) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Map<String, Writer> writers = new TreeMap<>();
        try {
            reader.forEachAt(s.completedAt(), filter(s), v -> {
                Writer w = writers.computeIfAbsent(v.region(), region -> {
                    try {
                        Path f = Files.createTempFile("snapshot-" + region + "-", ".jsonl");
                        files.put(region, f);
                        return Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                line(w, ItemViews.awsConfigItem(v));
            });
        } finally {
            for (Writer w : writers.values()) {
                w.close();
            }
        }
        return files;
    }

    private static InventoryFilter filter(SnapshotCatalog.Snapshot s) {
        return InventoryFilter.of(s.accountId(), null, List.of(), null, null);
    }

    private static void line(Writer w, ObjectNode item) {
        try {
            w.write(CanonicalJson.toCanonicalString(item));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
