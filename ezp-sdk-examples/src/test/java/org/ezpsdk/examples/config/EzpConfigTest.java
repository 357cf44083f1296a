package org.ezpsdk.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the YAML configuration with environment variables on top. */
class EzpConfigTest {
  private static final String SECRET = "secret-token-value";

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("ezp.yaml"), yaml);
  }

  private Path twoProfiles() throws Exception {
    Files.writeString(dir.resolve("test-token.txt"), SECRET + "\n");
    return write(
        """
        profile: test
        profiles:
          test:
            environment: test
            endpoint: https://eps.example.test/
            senderId: test-id
            tokenFile: test-token.txt
          production:
            environment: production
            endpoint: https://eps.example.ru/
            senderId: prod-id
        """);
  }

  @Test
  void readsActiveProfileFromFile() throws Exception {
    EzpConfig config = EzpConfig.load(twoProfiles(), null, Map.of());

    assertThat(config.problems()).isEmpty();
    assertThat(config.profile()).isEqualTo("test");
    assertThat(config.environment())
        .isEqualTo(Environment.test(java.net.URI.create("https://eps.example.test/")));
    assertThat(config.credentials().id()).isEqualTo("test-id");
    assertThat(config.token()).isEqualTo(SECRET);
  }

  @Test
  void malformedYamlNamesLineAndColumn() throws Exception {
    Path file = write("profile: test\nprofiles:\n  test: [one\n  production: x\n");

    EzpConfig config = EzpConfig.load(file, null, Map.of());

    assertThat(config.problems()).isNotEmpty();
    String problem = config.problems().get(0).toString();
    assertThat(problem).contains("'" + file + "' is not valid YAML at line 4, column");
    assertThat(problem).contains("fix the syntax there");
    assertThat(problem).doesNotContain("Source:", "reader", "com.fasterxml");
  }

  @Test
  void environmentVariablesOverrideFile() throws Exception {
    Map<String, String> env =
        Map.of("EZP_PROFILE", "production", "EZP_TOKEN", "prod-token", "EZP_SENDER_ID", "env-id");

    EzpConfig config = EzpConfig.load(twoProfiles(), null, env);

    assertThat(config.problems()).isEmpty();
    assertThat(config.profile()).isEqualTo("production");
    assertThat(config.isProduction()).isTrue();
    assertThat(config.credentials().id()).isEqualTo("env-id");
    assertThat(config.profileValue().source()).isEqualTo(ConfigSource.ENV);
    assertThat(value(config, "profiles.production.senderId").source()).isEqualTo(ConfigSource.ENV);
    assertThat(value(config, "profiles.production.endpoint").source()).isEqualTo(ConfigSource.FILE);
    assertThat(value(config, "gateway.port").source()).isEqualTo(ConfigSource.DEFAULT);
  }

  @Test
  void masksSecretsEverywhere() throws Exception {
    EzpConfig config = EzpConfig.load(twoProfiles(), null, Map.of());

    ConfigValue token = value(config, "profiles.test.token");
    assertThat(token.source()).isEqualTo(ConfigSource.SECRET_FILE);
    assertThat(token.display()).doesNotContain(SECRET);
    assertThat(config.toString()).doesNotContain(SECRET);
    assertThat(config.credentials().toString()).doesNotContain(SECRET);
  }

  @Test
  void listsEveryProblemWithItsKey() throws Exception {
    Path file =
        write(
            """
            profiles:
              test:
                environment: staging
                endpoint: ftp://eps.example.test/
                sendrId: typo
            gateway:
              port: 70000
            """);

    EzpConfig config = EzpConfig.load(file, null, Map.of());

    assertThat(config.problems())
        .extracting(ConfigProblem::key)
        .contains(
            "profiles.test.environment",
            "profiles.test.endpoint",
            "profiles.test.sendrId",
            "profiles.test.senderId",
            "profiles.test.token",
            "gateway.port",
            "gateway.apiKey");
  }

  @Test
  void reportsUndefinedProfile() throws Exception {
    EzpConfig config = EzpConfig.load(twoProfiles(), "staging", Map.of());

    assertThat(config.problems())
        .anySatisfy(p -> assertThat(p.message()).contains("'staging'", "production, test"));
  }

  @Test
  void readsSecretFilesWrittenOnWindows() throws Exception {
    String apiKey = "gateway-api-key-0123456789";
    Path config = twoProfiles();
    Files.writeString(dir.resolve("test-token.txt"), "\uFEFF" + SECRET + "\r\n");
    Files.writeString(dir.resolve("api-key.txt"), "\uFEFF" + apiKey + "\r\n");
    Files.writeString(config, Files.readString(config) + "gateway:\n  apiKeyFile: api-key.txt\n");

    EzpConfig loaded = EzpConfig.load(config, null, Map.of());

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.token()).isEqualTo(SECRET);
    assertThat(loaded.gateway().apiKey()).isEqualTo(apiKey);
  }

  @Test
  void rejectsTokenFileWithSpaceInside() throws Exception {
    Path config = twoProfiles();
    Path tokenFile = Files.writeString(dir.resolve("test-token.txt"), "secret token\r\n");

    EzpConfig loaded = EzpConfig.load(config, null, Map.of());

    assertThat(loaded.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.key()).isEqualTo("profiles.test.tokenFile"))
        .satisfies(p -> assertThat(p.message()).contains(tokenFile.toString(), "a space"));
    assertThatThrownBy(loaded::requireValid)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("test-token.txt")
        .hasMessageNotContaining("secret token");
  }

  @Test
  void requireValidNamesProblemsWithoutSecrets() throws Exception {
    Map<String, String> env = Map.of("EZP_TOKEN", SECRET, "EZP_ENDPOINT", "not a url");
    EzpConfig config = EzpConfig.load(twoProfiles(), null, env);

    assertThatThrownBy(config::requireValid)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("profiles.test.endpoint")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void warnsAboutSecretWrittenInFile() throws Exception {
    Path file =
        write(
            """
            profiles:
              test:
                endpoint: https://eps.example.test/
                senderId: test-id
                token: inline-token-value
            """);

    EzpConfig config = EzpConfig.load(file, null, Map.of());

    assertThat(config.problems()).isEmpty();
    assertThat(config.warnings())
        .extracting(ConfigProblem::key)
        .containsExactly("profiles.test.token");
    assertThat(config.warnings().get(0).message()).doesNotContain("inline-token-value");
  }

  @Test
  void worksFromEnvironmentAlone() {
    Map<String, String> env =
        Map.of("EZP_ENDPOINT", "http://127.0.0.1:8089/", "EZP_SENDER_ID", "id", "EZP_TOKEN", "t");

    EzpConfig config = EzpConfig.load(null, null, env);

    assertThat(config.problems()).isEmpty();
    assertThat(config.isConfigured()).isTrue();
    assertThat(config.environment().isProduction()).isFalse();
  }

  @Test
  void nothingConfiguredWithoutFileOrEndpoint() {
    EzpConfig config = EzpConfig.load(null, null, Map.of());

    assertThat(config.isConfigured()).isFalse();
  }

  @Test
  void resolvesPathsAgainstFileFolder() throws Exception {
    EzpConfig config = EzpConfig.load(twoProfiles(), null, Map.of());

    assertThat(value(config, "profiles.test.tokenFile").value())
        .isEqualTo(dir.resolve("test-token.txt").toString());
  }

  private static ConfigValue value(EzpConfig config, String key) {
    return config.values().stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow();
  }
}
