package io.driftwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;

/**
 * Generic wire fidelity: captures each raw response body and, once the SDK has unmarshalled it,
 * walks the body and the response object together. Every element/key the simulator wrote must
 * name a field of the SDK's model (by its wire name, from {@code sdkFields()}) and come out
 * non-null; lists must keep their length. Catches misspelt or misplaced wire names anywhere.
 */
final class WireCheck implements ExecutionInterceptor {
  private static final ThreadLocal<byte[]> BODY = new ThreadLocal<>();
  final List<String> problems = new ArrayList<>();
  int checked;

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> in = context.responseBody();
    if (in.isEmpty()) {
      BODY.remove();
      return in;
    }
    try {
      byte[] bytes = in.get().readAllBytes();
      BODY.set(bytes);
      return Optional.of(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    byte[] body = BODY.get();
    BODY.remove();
    if (body == null || body.length == 0 || !context.httpResponse().isSuccessful()) {
      return;
    }
    SdkPojo response = (SdkPojo) context.response();
    String name = response.getClass().getSimpleName();
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
    try {
      if (text.startsWith("<")) {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(body)).getDocumentElement();
        Optional<SdkField<?>> payload = response.sdkFields().stream().filter(f -> f.containsTrait(PayloadTrait.class)).findFirst();
        if (payload.isPresent()) {
          Object value = payload.get().getValueOrDefault(response);
          if (value instanceof SdkPojo p) {
            xml(root, p, name);
          }
        } else {
          Element result = firstChild(root, root.getTagName().replace("Response", "Result"));
          xml(result != null ? result : root, response, name);
        }
      } else if (text.startsWith("{") && !name.equals("GetBucketPolicyResponse")) {
        // REST-JSON outputs bound to a payload member (Glacier's GetVaultAccessPolicy) are that member's body.
        Optional<SdkField<?>> payload = response.sdkFields().stream().filter(f -> f.containsTrait(PayloadTrait.class)).findFirst();
        Object value = payload.map(f -> (Object) f.getValueOrDefault(response)).orElse(null);
        json(SimulatorFixture.readJson(text), value instanceof SdkPojo p ? p : response, name);
      }
      checked++;
    } catch (Exception e) {
      problems.add(name + ": " + e);
    }
  }

  private void xml(Element element, SdkPojo pojo, String path) {
    java.util.Set<String> flattenedSeen = new java.util.HashSet<>();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element child)) {
        continue;
      }
      String wire = child.getTagName();
      if (wire.equals("ResponseMetadata") || wire.equalsIgnoreCase("requestId")) {
        continue;
      }
      SdkField<?> field = byWire(pojo, wire);
      if (field == null) {
        problems.add(path + ": <" + wire + "> is not a member of " + pojo.getClass().getSimpleName());
        continue;
      }
      Object value = field.getValueOrDefault(pojo);
      String at = path + "." + field.memberName();
      if (value == null || value instanceof SdkAutoConstructList) {
        if (child.hasChildNodes()) {
          problems.add(at + ": written but unmarshalled as null");
        }
        continue;
      }
      if (value instanceof SdkPojo p) {
        xml(child, p, at);
      } else if (value instanceof List<?> list) {
        boolean flattened = field.getOptionalTrait(ListTrait.class).map(ListTrait::isFlattened).orElse(false);
        if (flattened && !flattenedSeen.add(wire)) {
          continue; // a flattened list's items are the repeated sibling elements, checked once
        }
        List<Element> items = flattened
            ? children(element).stream().filter(c -> c.getTagName().equals(wire)).toList() : children(child);
        if (items.size() != list.size()) {
          problems.add(at + ": " + items.size() + " elements written, " + list.size() + " unmarshalled");
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof SdkPojo p) {
            xml(items.get(i), p, at + "[" + i + "]");
          }
        }
      }
    }
  }

  private void json(JsonNode node, SdkPojo pojo, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      SdkField<?> field = byWire(pojo, e.getKey());
      if (field == null) {
        problems.add(path + ": \"" + e.getKey() + "\" is not a member of " + pojo.getClass().getSimpleName());
        continue;
      }
      Object value = field.getValueOrDefault(pojo);
      String at = path + "." + field.memberName();
      if (value == null) {
        problems.add(at + ": written but unmarshalled as null");
      } else if (value instanceof SdkPojo p) {
        json(e.getValue(), p, at);
      } else if (value instanceof List<?> list) {
        if (list.size() != e.getValue().size()) {
          problems.add(at + ": list length differs");
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof SdkPojo p) {
            json(e.getValue().get(i), p, at + "[" + i + "]");
          }
        }
      }
    }
  }

  private static SdkField<?> byWire(SdkPojo pojo, String wire) {
    for (SdkField<?> f : pojo.sdkFields()) {
      if (wire.equals(f.unmarshallLocationName()) || wire.equals(f.locationName())) {
        return f;
      }
    }
    return null;
  }

  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }

  private static Element firstChild(Element e, String name) {
    return children(e).stream().filter(c -> c.getTagName().equals(name)).findFirst().orElse(null);
  }
}
