package org.ezpsdk.core.error;

/** A client, transport or environment that is set up wrongly: a missing setting, a bad URL. */
public class ConfigurationException extends EzpClientException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
