package io.driftwatch.simulator.protocol;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** Minimal streaming XML writer for AWS Query/EC2 responses; null values are omitted like AWS does. */
public final class XmlWriter {
  private final StringBuilder out = new StringBuilder(1024);
  private final Deque<String> open = new ArrayDeque<>();

  private XmlWriter() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  public static XmlWriter document(String root, String xmlns) {
    XmlWriter w = new XmlWriter();
    w.out.append('<').append(root);
    if (xmlns != null) {
      w.out.append(" xmlns=\"").append(escape(xmlns)).append('"');
    }
    w.out.append('>');
    w.open.push(root);
    return w;
  }

  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  public XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  public XmlWriter element(String name, Object value) {
    if (value == null) {
      return this;
    }
    String text = value instanceof Instant instant ? timestamp(instant) : value.toString();
    out.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
    return this;
  }

  /** Character data of the current element (e.g. S3's bare {@code <LocationConstraint>}). */
  public XmlWriter text(String value) {
    out.append(escape(value));
    return this;
  }

  public String finish() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString();
  }

  /** ISO-8601 UTC with milliseconds, the form EC2, IAM and STS emit. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS))
        .replaceFirst("(T\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
  }

  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
