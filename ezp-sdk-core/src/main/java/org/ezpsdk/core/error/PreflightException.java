package org.ezpsdk.core.error;

import java.util.List;

/** A PDF attachment that the service would reject: broken, encrypted, wrong page format or size. */
public class PreflightException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public PreflightException(String fileName, List<Violation> violations) {
    super("PDF attachment '" + fileName + "'", violations);
  }
}
