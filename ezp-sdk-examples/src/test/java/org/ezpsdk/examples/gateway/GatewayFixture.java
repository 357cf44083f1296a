package org.ezpsdk.examples.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.testkit.EpsEmulator;

/**
 * Files a gateway needs in a test: a GOST test key and certificate, the sender token and API key in
 * files, and a YAML configuration whose test profile points at an emulator.
 */
public final class GatewayFixture {
  /** The gateway API key of the tests; a test value, not a secret. */
  public static final String API_KEY = "gateway-test-key-0123456789";

  private static SigningCredentials sharedKey;

  private GatewayFixture() {}

  /** Returns one test key for the whole test run, because generating one takes a moment. */
  public static synchronized SigningCredentials key() {
    if (sharedKey == null) {
      sharedKey =
          TestKeys.generate(GostParameterSet.TC26_256_A, "Gateway test signer", Duration.ofDays(1));
    }
    return sharedKey;
  }

  /** Writes the key, token, API key and configuration into the folder; returns the YAML file. */
  public static Path writeConfig(Path dir, URI endpoint) throws IOException {
    TestKeys.writePem(key(), dir.resolve("key.pem"), dir.resolve("cert.pem"), null);
    Files.writeString(dir.resolve("token.txt"), EpsEmulator.TEST_SENDER_TOKEN + "\n");
    Files.writeString(dir.resolve("api-key.txt"), API_KEY + "\n");
    String yaml =
        "profile: test\n"
            + "profiles:\n"
            + "  test:\n"
            + "    environment: test\n"
            + "    endpoint: "
            + endpoint
            + "\n"
            + "    senderId: "
            + EpsEmulator.TEST_SENDER_ID
            + "\n"
            + "    tokenFile: token.txt\n"
            + "    signing:\n"
            + "      key: key.pem\n"
            + "      cert: cert.pem\n"
            + "  production:\n"
            + "    environment: production\n"
            + "    endpoint: https://eps.example.invalid/\n"
            + "    senderId: prod-sender\n"
            + "    tokenFile: token.txt\n"
            + "gateway:\n"
            + "  host: 127.0.0.1\n"
            + "  port: 0\n"
            + "  apiKeyFile: api-key.txt\n"
            + "  outbox: outbox.db\n";
    Path file = dir.resolve("ezp.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** Writes a one-page A4 portrait PDF whose text makes it unique. */
  public static Path writePdf(Path file, String text) throws IOException {
    return writePdf(file, text, 1);
  }

  /** Writes an A4 portrait PDF of the given number of pages. */
  public static Path writePdf(Path file, String text, int pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(72, 760);
          content.showText(text + ", page " + (i + 1));
          content.endText();
        }
      }
      document.save(file.toFile());
    }
    return file;
  }

  /** Returns the JSON of a valid registered letter to an individual, with the given ШПИ. */
  public static String letterJson(String barcode, String documentNumber) {
    return "{\"barcode\":\""
        + barcode
        + "\",\"type\":\"REGISTERED\",\"mailRank\":4,\"electronicNotice\":true,"
        + "\"document\":{\"number\":\""
        + documentNumber
        + "\",\"date\":\"2026-12-04\",\"title\":\"Решение суда\"},"
        + "\"sender\":{\"name\":\"Арбитражный суд города Москвы\",\"returnAddress\":"
        + "{\"postcode\":\"115225\",\"line\":\"г. Москва, ул. Большая Тульская, д. 17\"}},"
        + "\"recipient\":{\"kind\":\"INDIVIDUAL\",\"surname\":\"Иванов\",\"name\":\"Иван\","
        + "\"patronymic\":\"Иванович\"},"
        + "\"recipientAddress\":{\"postcode\":\"101000\",\"line\":\"г. Москва, ул. Мясницкая, д. 26\"}}";
  }

  /** Returns the JSON of a letter to an organisation with the given ИНН. */
  public static String organisationLetterJson(String barcode, String inn) {
    return letterJson(barcode, "ORG-" + barcode)
        .replace(
            "{\"kind\":\"INDIVIDUAL\",\"surname\":\"Иванов\",\"name\":\"Иван\","
                + "\"patronymic\":\"Иванович\"}",
            "{\"kind\":\"ORGANISATION\",\"name\":\"ПАО Сбербанк\",\"inn\":\""
                + inn
                + "\",\"kpp\":\"773601001\"}");
  }
}
