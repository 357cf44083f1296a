package org.ezpsdk.transport.smev.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.transport.smev.SmevFault;
import org.ezpsdk.transport.smev.SmevFaultException;
import org.ezpsdk.transport.smev.SmevMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Posts SOAP messages to the СМЭВ endpoint, saves them when asked, and turns SOAP faults into
 * {@link SmevFaultException}s.
 */
public final class SoapExchange implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SoapExchange.class);

  private final URI endpoint;
  private final OkHttpClient http;
  private final Path envelopeDirectory;
  private final Path temporaryDirectory;

  public SoapExchange(
      URI endpoint, Duration connectTimeout, Duration readTimeout, Path envelopeDirectory)
      throws IOException {
    this.endpoint = endpoint;
    this.envelopeDirectory = envelopeDirectory;
    this.temporaryDirectory = Files.createTempDirectory("ezp-smev-");
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
  }

  /**
   * Posts the body and returns СМЭВ's response.
   *
   * @param name names the saved files, such as {@code <MessageID>-SendRequestRequest}
   * @param messageId the MessageID a fault is reported for, or null
   * @throws SmevFaultException when СМЭВ responds with a SOAP fault
   * @throws TransportException when no response arrives
   */
  public SmevMessage post(MtomBody body, String name, String messageId) {
    save(body, name);
    Request request =
        new Request.Builder().url(endpoint.toString()).post(requestBody(body)).build();
    try (Response response = http.newCall(request).execute()) {
      String contentType = response.header("Content-Type");
      SmevMessage answer;
      try (InputStream in = response.body().byteStream()) {
        answer = SmevMessage.read(in, contentType, temporaryDirectory);
      } catch (IllegalArgumentException e) {
        throw new TransportException(
            "СМЭВ at "
                + endpoint
                + " answered HTTP "
                + response.code()
                + " without a SOAP"
                + " envelope ("
                + e.getMessage()
                + "); check the endpoint setting",
            TransportException.Kind.CONNECTION,
            true,
            e);
      }
      saveAnswer(answer, name);
      throwFault(answer, messageId);
      return answer;
    } catch (IOException e) {
      boolean timeout = e instanceof SocketTimeoutException;
      throw new TransportException(
          "Failed to exchange "
              + name
              + " with СМЭВ at "
              + endpoint
              + ": "
              + e.getMessage()
              + "; check that the endpoint is reachable",
          timeout ? TransportException.Kind.TIMEOUT : TransportException.Kind.CONNECTION,
          true,
          e);
    }
  }

  private void throwFault(SmevMessage answer, String messageId) {
    Element payload = answer.payload();
    if (!SmevMessage.SOAP_NS.equals(payload.getNamespaceURI())
        || !"Fault".equals(payload.getLocalName())) {
      return;
    }
    String faultString = textOf(payload, "faultstring");
    Element detail = Dom.child(payload, "", "detail");
    if (detail == null) {
      detail = firstByLocalName(payload, "detail");
    }
    Element faultElement = detail == null ? null : Dom.firstElement(detail);
    SmevFault fault =
        faultElement == null
            ? SmevFault.UNKNOWN
            : SmevFault.ofElementName(faultElement.getLocalName());
    String details = faultElement == null ? "" : faultElement.getTextContent().strip();
    String text =
        faultString + (details.isEmpty() || details.equals(faultString) ? "" : "; " + details);
    throw new SmevFaultException(fault, messageId, text);
  }

  private static String textOf(Element parent, String localName) {
    Element child = firstByLocalName(parent, localName);
    return child == null ? "" : child.getTextContent().strip();
  }

  private static Element firstByLocalName(Element parent, String localName) {
    for (org.w3c.dom.Node node = parent.getFirstChild();
        node != null;
        node = node.getNextSibling()) {
      if (node instanceof Element element && localName.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  private void save(MtomBody body, String name) {
    if (envelopeDirectory == null) {
      return;
    }
    boolean multipart = body.contentType().startsWith("multipart/");
    Path file = envelopeDirectory.resolve(name + (multipart ? ".mime" : ".xml"));
    try {
      Files.createDirectories(envelopeDirectory);
      try (OutputStream out = Files.newOutputStream(file)) {
        if (multipart) {
          out.write(("Content-Type: " + body.contentType() + "\r\n\r\n").getBytes());
        }
        body.writeTo(out);
      }
    } catch (IOException e) {
      LOG.warn("Failed to save the СМЭВ envelope {} to '{}'", name, file, e);
    }
  }

  private void saveAnswer(SmevMessage answer, String name) {
    if (envelopeDirectory == null) {
      return;
    }
    Path file = envelopeDirectory.resolve(name + "-response.xml");
    try {
      Files.write(file, Dom.serialize(answer.document()));
    } catch (IOException e) {
      LOG.warn("Failed to save the СМЭВ response {} to '{}'", name, file, e);
    }
  }

  private static RequestBody requestBody(MtomBody body) {
    MediaType type = MediaType.get(body.contentType());
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return type;
      }

      @Override
      public long contentLength() throws IOException {
        return body.contentLength();
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        body.writeTo(sink.outputStream());
      }
    };
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    try (var paths = Files.walk(temporaryDirectory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debug("Failed to delete the temporary directory '{}'", temporaryDirectory, e);
    }
  }
}
