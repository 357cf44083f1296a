package org.ezpsdk.examples.config;

import java.util.List;

/**
 * One known configuration setting: its key inside a profile or the gateway section, the environment
 * variable that overrides it, and whether it is a secret or a file path.
 */
enum Setting {
  ENVIRONMENT(Scope.PROFILE, "environment", "EZP_ENVIRONMENT", Kind.TEXT),
  ENDPOINT(Scope.PROFILE, "endpoint", "EZP_ENDPOINT", Kind.TEXT),
  SENDER_ID(Scope.PROFILE, "senderId", "EZP_SENDER_ID", Kind.TEXT),
  TOKEN(Scope.PROFILE, "token", "EZP_TOKEN", Kind.SECRET),
  TOKEN_FILE(Scope.PROFILE, "tokenFile", "EZP_TOKEN_FILE", Kind.PATH),
  SIGNING_KEY(Scope.PROFILE, "signing.key", "EZP_SIGNING_KEY", Kind.PATH),
  SIGNING_CERT(Scope.PROFILE, "signing.cert", "EZP_SIGNING_CERT", Kind.PATH),
  SIGNING_PKCS12(Scope.PROFILE, "signing.pkcs12", "EZP_SIGNING_PKCS12", Kind.PATH),
  SIGNING_ALIAS(Scope.PROFILE, "signing.alias", "EZP_SIGNING_ALIAS", Kind.TEXT),
  SIGNING_PASSWORD(Scope.PROFILE, "signing.password", "EZP_SIGNING_PASSWORD", Kind.SECRET),
  SIGNING_PASSWORD_FILE(
      Scope.PROFILE, "signing.passwordFile", "EZP_SIGNING_PASSWORD_FILE", Kind.PATH),
  MAX_PAGES(Scope.PROFILE, "maxPages", "EZP_MAX_PAGES", Kind.TEXT),
  GATEWAY_HOST(Scope.GATEWAY, "host", "EZP_GATEWAY_HOST", Kind.TEXT),
  GATEWAY_PORT(Scope.GATEWAY, "port", "EZP_GATEWAY_PORT", Kind.TEXT),
  GATEWAY_API_KEY(Scope.GATEWAY, "apiKey", "EZP_GATEWAY_API_KEY", Kind.SECRET),
  GATEWAY_API_KEY_FILE(Scope.GATEWAY, "apiKeyFile", "EZP_GATEWAY_API_KEY_FILE", Kind.PATH),
  GATEWAY_ALLOW_NON_LOOPBACK(
      Scope.GATEWAY, "allowNonLoopback", "EZP_GATEWAY_ALLOW_NON_LOOPBACK", Kind.TEXT),
  GATEWAY_OUTBOX(Scope.GATEWAY, "outbox", "EZP_GATEWAY_OUTBOX", Kind.PATH);

  /** The section a setting lives in. */
  enum Scope {
    PROFILE,
    GATEWAY
  }

  /** The type of a value, which decides how it is resolved and shown. */
  enum Kind {
    TEXT,
    SECRET,
    PATH
  }

  final Scope scope;
  final String name;
  final String envVar;
  final Kind kind;

  Setting(Scope scope, String name, String envVar, Kind kind) {
    this.scope = scope;
    this.name = name;
    this.envVar = envVar;
    this.kind = kind;
  }

  /** Returns the full key in the file, such as {@code profiles.test.endpoint}. */
  String key(String profile) {
    return scope == Scope.PROFILE ? "profiles." + profile + "." + name : "gateway." + name;
  }

  static List<Setting> in(Scope scope) {
    return java.util.Arrays.stream(values()).filter(s -> s.scope == scope).toList();
  }
}
