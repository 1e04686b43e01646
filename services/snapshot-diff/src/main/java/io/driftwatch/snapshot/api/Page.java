package io.driftwatch.snapshot.api;

import java.util.List;

/** A page of a listing: {@code {items, nextCursor}}; nextCursor is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
