package org.ezpsdk.examples.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;

/**
 * Turns SDK errors into the gateway's JSON errors: {@code code}, a Russian {@code message} that
 * names the field and the rejected value, {@code field}, {@code rejectedValue}, and {@code errors}
 * with every problem when there are several. An error about a request body that is not valid JSON
 * also has {@code line} and {@code column} when the problem has a place in the body.
 */
final class GatewayErrors {
  private static final String NOTICE_NOT_AVAILABLE = "NOTICE_NOT_AVAILABLE";
  private static final String NOTICE_NOT_REQUESTED = "NOTICE_NOT_REQUESTED";

  private GatewayErrors() {}

  /** Returns the JSON error of one problem. */
  static JsonResult of(
      int status, String code, String field, String rejectedValue, String message) {
    Map<String, Object> item = item(code, field, rejectedValue, message);
    Map<String, Object> body = new LinkedHashMap<>(item);
    body.put("errors", List.of(item));
    return new JsonResult(status, body);
  }

  /** Returns the JSON error of an exception thrown by the SDK. */
  static JsonResult of(EzpException error) {
    if (error instanceof InvalidJsonException json) {
      return invalidJson(json);
    }
    if (error instanceof ValidationException invalid) {
      return validation(invalid.violations());
    }
    if (error instanceof EzpServiceException service) {
      return service(service);
    }
    if (error instanceof OutcomeUnknownException) {
      return of(
          504,
          "OUTCOME_UNKNOWN",
          null,
          null,
          "Неизвестно, получила ли ИС ЭПС письмо. Повторите тот же запрос позже: письмо не будет"
              + " отправлено дважды. ("
              + error.getMessage()
              + ")");
    }
    if (error instanceof TransportException) {
      return of(
          503,
          "SERVICE_UNREACHABLE",
          null,
          null,
          "ИС ЭПС недоступна; повторите запрос позже. (" + error.getMessage() + ")");
    }
    if (error instanceof SigningException) {
      return of(
          500,
          "SIGNING_FAILED",
          null,
          null,
          "Не удалось подписать PDF. (" + error.getMessage() + ")");
    }
    if (error instanceof ConfigurationException) {
      return of(
          500,
          "CONFIGURATION",
          null,
          null,
          "Ошибка настройки шлюза; проверьте её командой ezp config check. ("
              + error.getMessage()
              + ")");
    }
    return of(400, "INVALID_REQUEST", null, null, "Запрос отклонён. (" + error.getMessage() + ")");
  }

  /** Returns a 400 error that lists every violation, the first one at the top level. */
  static JsonResult validation(List<Violation> violations) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Violation v : violations) {
      items.add(
          item(
              v.rule(),
              v.field(),
              v.rejectedValue(),
              RussianMessages.violation(v.field(), v.rule(), v.rejectedValue(), v.message())));
    }
    Map<String, Object> body = new LinkedHashMap<>(items.get(0));
    if (items.size() > 1) {
      body.put(
          "message",
          "Найдено ошибок: " + items.size() + ". Первая: " + items.get(0).get("message"));
    }
    body.put("errors", items);
    return new JsonResult(400, body);
  }

  /**
   * Returns a 400 error for a body that is not UTF-8 JSON of the expected shape, with {@code line}
   * and {@code column} when the problem has a place in the body.
   */
  private static JsonResult invalidJson(InvalidJsonException error) {
    Violation v = error.violations().get(0);
    Map<String, Object> item =
        item(
            v.rule(),
            v.field(),
            v.rejectedValue(),
            RussianMessages.jsonProblem(
                v.field(), v.rule(), v.rejectedValue(), error.line(), error.column(), v.message()));
    if (error.line() > 0) {
      item.put("line", error.line());
      item.put("column", error.column());
    }
    Map<String, Object> body = new LinkedHashMap<>(item);
    body.put("errors", List.of(item));
    return new JsonResult(400, body);
  }

  private static JsonResult service(EzpServiceException error) {
    int status = error.httpStatus();
    if (NOTICE_NOT_AVAILABLE.equals(error.errorCode())
        || NOTICE_NOT_REQUESTED.equals(error.errorCode())) {
      return noticeMissing(error);
    }
    if (status == 404) {
      return of(
          404, "NOT_FOUND", null, null, "Письмо не найдено в ИС ЭПС. (" + error.getMessage() + ")");
    }
    boolean busy = error.isTemporary();
    List<Map<String, Object>> items = new ArrayList<>();
    for (EzpServiceException.ServiceError e : error.errors()) {
      items.add(item(e.code(), e.field(), null, serviceErrorText(e, busy)));
    }
    String code = error.errorCode() == null ? "SERVICE_ERROR" : error.errorCode();
    String field = error.errors().isEmpty() ? null : error.errors().get(0).field();
    String summary =
        busy
            ? "ИС ЭПС перегружена или недоступна (HTTP "
                + status
                + "), повторите запрос позже. ("
                + error.getMessage()
                + ")"
            : "ИС ЭПС отклонила запрос (HTTP " + status + "). (" + error.getMessage() + ")";
    Map<String, Object> body = item(code, field, null, summary);
    body.put("serviceStatus", status);
    body.put("requestId", error.requestId());
    body.put("errors", items);
    return new JsonResult(busy ? 502 : 422, body);
  }

  /** Describes one error item of the service, naming its field only when the service gave one. */
  private static String serviceErrorText(EzpServiceException.ServiceError error, boolean busy) {
    if (busy) {
      return "ИС ЭПС: сервис не обработал запрос (" + error.code() + ": " + error.message() + ").";
    }
    String where =
        error.field() == null || error.field().isEmpty() ? "" : "поле «" + error.field() + "»: ";
    return "ИС ЭПС: " + where + RussianMessages.rule(error.code()) + " (" + error.message() + ").";
  }

  /**
   * Returns a 409 error for a letter that exists but has no notice of delivery, so that a caller
   * does not take it for an unknown letter.
   */
  private static JsonResult noticeMissing(EzpServiceException error) {
    String reason =
        NOTICE_NOT_REQUESTED.equals(error.errorCode())
            ? "Письмо отправлено без электронного уведомления о вручении, уведомления не будет."
            : "Уведомления о вручении нет: письмо ещё не вручено или завершилось без вручения"
                + " (например, возвращено). Запросите статус письма.";
    return of(409, error.errorCode(), "id", null, reason + " (" + error.getMessage() + ")");
  }

  private static Map<String, Object> item(
      String code, String field, String rejectedValue, String message) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("code", code);
    item.put("message", message);
    item.put("field", field);
    item.put("rejectedValue", rejectedValue);
    return item;
  }
}
