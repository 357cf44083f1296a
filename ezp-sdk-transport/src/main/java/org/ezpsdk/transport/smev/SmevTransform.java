package org.ezpsdk.transport.smev;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The СМЭВ 3 transform {@value #URI}, which every ЭП-ОВ reference applies after exclusive
 * canonicalization. Its rules, from the СМЭВ 3 methodical recommendations:
 *
 * <ol>
 *   <li>The XML declaration, processing instructions and comments are dropped.
 *   <li>Text that is only whitespace (space, tab, CR, LF) is dropped; any other text, such as
 *       {@code "0"} or {@code " z x c "}, is kept as it is.
 *   <li>An empty element is written as a start tag followed by an end tag.
 *   <li>Namespace prefixes are replaced by {@code ns1}, {@code ns2}, … numbered in the order the
 *       transform first needs them in the whole document. A namespace is declared on the element
 *       that uses it unless an ancestor in the output already declared it; declarations that no
 *       element or attribute uses disappear, and no default namespace is ever declared. A namespace
 *       used in two sibling branches therefore gets two numbers.
 *   <li>The element's own namespace is declared first, then those of its attributes in attribute
 *       order.
 *   <li>Attributes are sorted: those with a namespace first, by namespace URI and then local name;
 *       those without one after them, by local name.
 * </ol>
 *
 * <p>Text is escaped as in canonical XML ({@code &amp; &lt; &gt; &#xD;}, and in attribute values
 * {@code &amp; &lt; &quot; &#x9; &#xA; &#xD;}). The output is UTF-8.
 *
 * <p>NOTE: prefixes inside attribute values or text (such as {@code xsi:type="a:T"}) are not
 * renamed, as in the СМЭВ reference implementation; such documents verify only when both sides
 * leave them as they are.
 */
public final class SmevTransform {

  /** The algorithm URI of the transform in {@code ds:Transform/@Algorithm}. */
  public static final String URI = "urn://smev-gov-ru/xmldsig/transform";

  private static final XMLInputFactory FACTORY = newFactory();

  private SmevTransform() {}

  /**
   * Transforms an XML document or fragment with one root element.
   *
   * @throws IllegalArgumentException when the input is not well-formed XML
   */
  public static byte[] apply(byte[] xml) {
    try {
      XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      try {
        return new Run().transform(reader);
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException(
          "The input of the СМЭВ transform is not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }

  /** One pass over one document; holds the prefix counter and the scopes of the output. */
  private static final class Run {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private final Deque<String> openTags = new ArrayDeque<>();
    private int prefixCount;

    byte[] transform(XMLStreamReader reader) throws XMLStreamException {
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.START_ELEMENT -> startElement(reader);
          case XMLStreamConstants.END_ELEMENT -> endElement();
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              text.append(reader.getText());
          default -> {
            // The declaration, processing instructions, comments and DTDs are dropped.
          }
        }
      }
      return out.toByteArray();
    }

    private void startElement(XMLStreamReader reader) {
      flushText();
      Map<String, String> declared = new HashMap<>();
      List<String[]> declarations = new ArrayList<>();
      String prefix = prefixFor(reader.getNamespaceURI(), declared, declarations);
      List<Attribute> attributes = sortedAttributes(reader);
      List<String> renderedAttributes = new ArrayList<>();
      for (Attribute attribute : attributes) {
        String attributePrefix = prefixFor(attribute.namespace, declared, declarations);
        String name =
            attributePrefix == null
                ? attribute.localName
                : attributePrefix + ":" + attribute.localName;
        renderedAttributes.add(name + "=\"" + escapeAttribute(attribute.value) + "\"");
      }
      scopes.push(declared);
      String tag = prefix == null ? reader.getLocalName() : prefix + ":" + reader.getLocalName();
      openTags.push(tag);
      StringBuilder start = new StringBuilder("<").append(tag);
      for (String[] declaration : declarations) {
        start.append(" xmlns:").append(declaration[0]).append("=\"");
        start.append(escapeAttribute(declaration[1])).append('"');
      }
      for (String attribute : renderedAttributes) {
        start.append(' ').append(attribute);
      }
      write(start.append('>'));
    }

    private void endElement() {
      flushText();
      scopes.pop();
      write(new StringBuilder("</").append(openTags.pop()).append('>'));
    }

    /** Returns the output prefix of a namespace, declaring a new one on this element if needed. */
    private String prefixFor(
        String namespace, Map<String, String> declared, List<String[]> declarations) {
      if (namespace == null || namespace.isEmpty()) {
        return null;
      }
      String prefix = declared.get(namespace);
      if (prefix != null) {
        return prefix;
      }
      for (Map<String, String> scope : scopes) {
        prefix = scope.get(namespace);
        if (prefix != null) {
          return prefix;
        }
      }
      prefix = "ns" + ++prefixCount;
      declared.put(namespace, prefix);
      declarations.add(new String[] {prefix, namespace});
      return prefix;
    }

    private void flushText() {
      if (text.length() == 0) {
        return;
      }
      String value = text.toString();
      text.setLength(0);
      if (!isXmlWhitespace(value)) {
        write(new StringBuilder(escapeText(value)));
      }
    }

    private void write(CharSequence chars) {
      out.writeBytes(chars.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Attribute(String namespace, String localName, String value) {}

  private static List<Attribute> sortedAttributes(XMLStreamReader reader) {
    List<Attribute> attributes = new ArrayList<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String namespace = reader.getAttributeNamespace(i);
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
        continue;
      }
      attributes.add(
          new Attribute(
              namespace == null ? "" : namespace,
              reader.getAttributeLocalName(i),
              reader.getAttributeValue(i)));
    }
    attributes.sort(
        Comparator.comparing((Attribute a) -> a.namespace.isEmpty())
            .thenComparing(Attribute::namespace)
            .thenComparing(Attribute::localName));
    return attributes;
  }

  private static boolean isXmlWhitespace(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  private static String escapeText(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '\r' -> escaped.append("&#xD;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static String escapeAttribute(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '"' -> escaped.append("&quot;");
        case '\t' -> escaped.append("&#x9;");
        case '\n' -> escaped.append("&#xA;");
        case '\r' -> escaped.append("&#xD;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
