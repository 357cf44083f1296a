package org.ezpsdk.transport.smev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The public СМЭВ 3 message-exchange schemas, loaded from a directory with one sub-directory per
 * version ({@code 1.1/}, {@code 1.2/}, {@code 1.3/}) holding the XSD files as published. The SDK
 * does not ship them; {@link #locate()} finds a copy.
 */
public final class SmevSchemas {
  /** The system property and environment variable that name the schema directory. */
  public static final String DIRECTORY_SETTING = "EZP_SMEV_XSD_DIR";

  private final Path directory;
  private final Map<SmevVersion, Schema> schemas = new EnumMap<>(SmevVersion.class);

  private SmevSchemas(Path directory) {
    this.directory = directory;
  }

  /** Loads the schemas of every version from the directory. */
  public static SmevSchemas load(Path directory) {
    SmevSchemas loaded = new SmevSchemas(directory);
    for (SmevVersion version : SmevVersion.values()) {
      loaded.schemas.put(version, compile(directory.resolve(version.number())));
    }
    return loaded;
  }

  /**
   * Finds the schema directory: the system property or environment variable {@value
   * #DIRECTORY_SETTING}, else a folder {@code shared/smev3-xsd} in the working directory or one of
   * its parents.
   */
  public static Optional<SmevSchemas> locate() {
    String setting = System.getProperty(DIRECTORY_SETTING, System.getenv(DIRECTORY_SETTING));
    if (setting != null && !setting.isBlank()) {
      Path directory = Path.of(setting);
      return Files.isDirectory(directory) ? Optional.of(load(directory)) : Optional.empty();
    }
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      Path candidate = folder.resolve("shared").resolve("smev3-xsd");
      if (Files.isDirectory(candidate.resolve("1.1"))) {
        return Optional.of(load(candidate));
      }
    }
    return Optional.empty();
  }

  /** Returns the directory the schemas were loaded from. */
  public Path directory() {
    return directory;
  }

  /**
   * Validates a payload (the child of {@code soap:Body}) against the version's schemas and returns
   * every error, empty when valid. {@code xop:Include} references stand for their content and are
   * removed from a copy first.
   */
  public List<String> validate(SmevVersion version, Element payload) {
    Element copy = (Element) payload.cloneNode(true);
    removeXopIncludes(copy);
    Validator validator = schemas.get(version).newValidator();
    List<String> errors = new ArrayList<>();
    validator.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            errors.add(e.getMessage());
          }

          @Override
          public void fatalError(SAXParseException e) {
            errors.add(e.getMessage());
          }
        });
    try {
      validator.validate(new DOMSource(copy));
    } catch (SAXException | IOException e) {
      errors.add(e.getMessage());
    }
    return errors;
  }

  private static Schema compile(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Source> sources =
          files
              .filter(file -> file.getFileName().toString().endsWith(".xsd"))
              .sorted()
              .map(file -> (Source) new StreamSource(file.toFile()))
              .toList();
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("no XSD files in '" + folder + "'");
      }
      SchemaFactory factory = SchemaFactory.newDefaultInstance();
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      return factory.newSchema(sources.toArray(Source[]::new));
    } catch (IOException | SAXException e) {
      throw new IllegalArgumentException(
          "Failed to load the СМЭВ schemas from '" + folder + "': " + e.getMessage(), e);
    }
  }

  private static void removeXopIncludes(Element element) {
    NodeList children = element.getChildNodes();
    for (int i = children.getLength() - 1; i >= 0; i--) {
      Node child = children.item(i);
      if (child instanceof Element childElement) {
        if (SmevMessage.XOP_NS.equals(childElement.getNamespaceURI())) {
          element.removeChild(child);
        } else {
          removeXopIncludes(childElement);
        }
      }
    }
  }
}
