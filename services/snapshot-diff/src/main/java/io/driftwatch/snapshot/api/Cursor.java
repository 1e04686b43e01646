package io.driftwatch.snapshot.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded with a kind tag
 * so that a cursor of one listing is refused by another. Clients must not parse them.
 */
public final class Cursor {
    private static final char SEP = '\u001f';

    private Cursor() {
    }

    public static String encode(String kind, List<String> parts) {
        StringBuilder b = new StringBuilder(kind);
        for (String p : parts) {
            if (p.indexOf(SEP) >= 0) {
                throw new IllegalStateException("cursor part contains the separator");
            }
            b.append(SEP).append(p);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor of this kind; null for a null or blank cursor (first page). */
    public static List<String> decode(String kind, String cursor, int parts) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
        String[] split = text.split(String.valueOf(SEP), -1);
        if (split.length != parts + 1 || !split[0].equals(kind)) {
            throw new IllegalArgumentException("invalid cursor (not a cursor of this listing)");
        }
        return List.of(split).subList(1, split.length);
    }
}
