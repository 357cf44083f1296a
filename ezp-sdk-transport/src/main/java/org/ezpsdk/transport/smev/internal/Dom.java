package org.ezpsdk.transport.smev.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** DOM helpers: safe parsing, serialisation without indentation, child lookup. */
public final class Dom {
  private Dom() {}

  /** Returns an empty namespace-aware document. */
  public static Document newDocument() {
    return builder().newDocument();
  }

  /**
   * Parses XML with DTDs and external entities disabled.
   *
   * @throws IllegalArgumentException when the bytes are not well-formed XML
   */
  public static Document parse(InputStream in) throws IOException {
    try {
      return builder().parse(in);
    } catch (SAXException e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** Serialises a document as UTF-8 with an XML declaration and no added whitespace. */
  public static byte[] serialize(Document document) {
    try {
      TransformerFactory factory = TransformerFactory.newDefaultInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("Failed to serialise an XML document", e);
    }
  }

  /** Appends a child element with the namespace's usual prefix and returns it. */
  public static Element append(Element parent, String namespace, String prefix, String name) {
    Element child = parent.getOwnerDocument().createElementNS(namespace, prefix + ":" + name);
    parent.appendChild(child);
    return child;
  }

  /** Appends a child element with text content and returns it. */
  public static Element append(
      Element parent, String namespace, String prefix, String name, String text) {
    Element child = append(parent, namespace, prefix, name);
    child.setTextContent(text);
    return child;
  }

  /** Returns the first child element with the name, or null. */
  public static Element child(Element parent, String namespace, String localName) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  /** Returns every child element with the name, in document order. */
  public static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  /** Returns the first child element, or null. */
  public static Element firstElement(Element parent) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  /** Returns the trimmed text of the named child, or null when the child is absent. */
  public static String childText(Element parent, String namespace, String localName) {
    Element child = child(parent, namespace, localName);
    return child == null ? null : child.getTextContent().strip();
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // Without a handler the parser prints "[Fatal Error]" lines to stderr; DefaultHandler only
      // throws, and the exception carries the same text.
      builder.setErrorHandler(new DefaultHandler());
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's XML parser lacks a required feature", e);
    }
  }
}
