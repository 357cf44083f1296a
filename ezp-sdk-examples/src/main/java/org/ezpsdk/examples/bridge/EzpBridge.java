package org.ezpsdk.examples.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.examples.config.ConfigProblem;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.examples.gateway.InMemorySendLog;
import org.ezpsdk.examples.gateway.JsonResult;
import org.ezpsdk.examples.gateway.LetterOperations;
import org.ezpsdk.examples.gateway.SendLog;
import org.ezpsdk.examples.gateway.SendLogs;

/**
 * A flat facade for Java bridges that prefer method calls to HTTP, such as 1C's Java add-ins: every
 * method takes and returns strings, JSON text, and throws nothing. Results are the JSON of the HTTP
 * gateway (see docs/gateway.md); an error is a JSON object with {@code code}, {@code message} (in
 * Russian, naming the field and the rejected value) and {@code field}, and {@link #isError(String)}
 * tells it from a success.
 *
 * <pre>{@code
 * EzpBridge bridge = EzpBridge.open("C:/ezp/ezp.yaml");
 * String receipt = bridge.send(letterJson, "C:/out/decision.pdf");
 * String status = bridge.status(idFromReceipt);
 * bridge.close();
 * }</pre>
 *
 * <p>Thread-safe. A letter sent twice with the same client key, or the same document number and
 * recipient, goes to the service once, as with the gateway.
 */
public final class EzpBridge implements AutoCloseable {
  private final LetterOperations operations;
  private final String configError;

  private EzpBridge(LetterOperations operations, String configError) {
    this.operations = operations;
    this.configError = configError;
  }

  /**
   * Opens the facade with a YAML configuration file, with its active profile (EZP_PROFILE or the
   * file's {@code profile}). When the configuration is invalid, every method returns that error as
   * JSON; {@link #check()} lists it.
   */
  public static EzpBridge open(String configPath) {
    return open(configPath, null);
  }

  /**
   * Opens the facade with a configuration file and a profile name ({@code null} for the active).
   */
  public static EzpBridge open(String configPath, String profile) {
    EzpConfig config;
    try {
      config = EzpConfig.load(configPath == null ? null : Path.of(configPath), profile);
    } catch (RuntimeException e) {
      return failed(
          "CONFIGURATION",
          "config",
          configPath,
          "Путь к файлу настроек неверен: " + e.getMessage());
    }
    if (!config.problems().isEmpty()) {
      ConfigProblem first = config.problems().get(0);
      return failed(
          "CONFIGURATION",
          first.key(),
          null,
          "Ошибка в настройках («"
              + first.key()
              + "»): "
              + first.message()
              + ". Всего ошибок: "
              + config.problems().size()
              + ".");
    }
    // NOTE: the facade has no command-line flag to confirm production, so the profile's own
    // environment setting is the confirmation; a test profile cannot reach production.
    try {
      SendLog log =
          config.isGatewayConfigured() ? SendLogs.open(config.gateway()) : new InMemorySendLog();
      Path workDir =
          config.isGatewayConfigured()
              ? SendLogs.attachmentFolder(config.gateway())
              : Files.createTempDirectory("ezp-bridge-");
      return new EzpBridge(LetterOperations.open(config, log, workDir), null);
    } catch (EzpException | IOException e) {
      return failed(
          "CONFIGURATION", "config", configPath, "Не удалось открыть мост: " + e.getMessage());
    }
  }

  /**
   * Sends a letter: {@code letterJson} is the letter in wire profile v1 (as in docs/gateway.md),
   * {@code pdfPath} the PDF on this machine. A repeat is a letter with the same document number,
   * recipient, title, date, ШПИ and PDF content.
   */
  public String send(String letterJson, String pdfPath) {
    return send(letterJson, pdfPath, null);
  }

  /**
   * Sends a letter like {@link #send(String, String)}, with the caller's key for repeats: the same
   * key with the same letter is a repeat, with another letter an error, and a new key a new letter.
   */
  public String send(String letterJson, String pdfPath, String clientKey) {
    if (operations == null) {
      return configError;
    }
    // NOTE: the line and column of a JSON error refer to the request that sendRequest rewrites, not
    // to letterJson. Only the error's field, a JSON path such as letter.mailRank, matches it.
    String request = sendRequest(letterJson, pdfPath, clientKey);
    if (request == null) {
      return error(
          "JSON_MALFORMED", "letterJson", "Параметр letterJson не является JSON-объектом.");
    }
    return operations.send(request.getBytes(StandardCharsets.UTF_8)).toJson();
  }

  /** Returns the status and history of a letter by the id from the send receipt. */
  public String status(String id) {
    return operations == null ? configError : operations.status(id).toJson();
  }

  /** Returns a letter by its ШПИ. */
  public String findByBarcode(String barcode) {
    return operations == null ? configError : operations.findByBarcode(barcode).toJson();
  }

  /**
   * Returns up to 100 events after the cursor ({@code null} or empty for the start of the feed);
   * pass the answer's {@code nextCursor} next time.
   */
  public String events(String cursor) {
    return events(cursor, 100);
  }

  /** Returns up to {@code limit} events (1 to 1000) after the cursor. */
  public String events(String cursor, int limit) {
    if (operations == null) {
      return configError;
    }
    if (limit < 1 || limit > 1000) {
      return error(
          "LIMIT_RANGE",
          "limit",
          "Поле «limit»: ожидается число от 1 до 1000; получено «" + limit + "».");
    }
    return operations.events(cursor, limit).toJson();
  }

  /**
   * Downloads the notice of delivery and saves it to {@code savePath}; returns {@code {"id",
   * "contentType", "size", "path"}} or an error.
   */
  public String notice(String id, String savePath) {
    if (operations == null) {
      return configError;
    }
    JsonResult result = operations.notice(id);
    if (!result.isSuccess()) {
      return result.toJson();
    }
    Map<String, Object> body = new LinkedHashMap<>(result.body());
    byte[] content = java.util.Base64.getDecoder().decode((String) body.remove("contentBase64"));
    try {
      Files.write(Path.of(savePath), content);
    } catch (IOException | RuntimeException e) {
      return error(
          "FILE_WRITE_FAILED",
          "savePath",
          "Не удалось записать файл «" + savePath + "»: " + e.getMessage());
    }
    body.put("path", savePath);
    return new JsonResult(200, body).toJson();
  }

  /** Returns {@code {"status": "UP", "environment": …}} or the configuration error. */
  public String check() {
    return operations == null ? configError : operations.health().toJson();
  }

  /** Returns true when a JSON result of this facade is an error. */
  public static boolean isError(String result) {
    try {
      var node = org.ezpsdk.core.wire.WireProfileV1.objectMapper().readTree(result);
      return node != null && node.has("code") && node.has("errors");
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** Releases the connection to the service. */
  @Override
  public void close() {
    if (operations != null) {
      operations.close();
    }
  }

  private static String sendRequest(String letterJson, String pdfPath, String clientKey) {
    try {
      var mapper = org.ezpsdk.core.wire.WireProfileV1.objectMapper();
      var letter = mapper.readTree(letterJson == null ? "" : letterJson);
      if (letter == null || !letter.isObject()) {
        return null;
      }
      var request = mapper.createObjectNode();
      if (clientKey != null) {
        request.put("clientKey", clientKey);
      }
      request.set("letter", letter);
      request.put("pdfPath", pdfPath);
      return mapper.writeValueAsString(request);
    } catch (IOException e) {
      return null;
    }
  }

  private static EzpBridge failed(String code, String field, String value, String message) {
    return new EzpBridge(null, errorJson(code, field, value, message));
  }

  private static String error(String code, String field, String message) {
    return errorJson(code, field, null, message);
  }

  private static String errorJson(String code, String field, String value, String message) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("code", code);
    item.put("message", message);
    item.put("field", field);
    item.put("rejectedValue", value);
    Map<String, Object> body = new LinkedHashMap<>(item);
    body.put("errors", List.of(item));
    return new JsonResult(400, body).toJson();
  }
}
