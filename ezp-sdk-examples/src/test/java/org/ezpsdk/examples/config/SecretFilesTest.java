package org.ezpsdk.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets read from files written by different editors. */
class SecretFilesTest {
  private static final String SECRET = "s3cr3t-T0ken_value";
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir Path dir;

  @Test
  void stripsBomAndLineEnds() throws Exception {
    Map<String, byte[]> files =
        Map.of(
            "bom-crlf.txt", withBom(SECRET + "\r\n"),
            "bom.txt", withBom(SECRET),
            "crlf.txt", utf8(SECRET + "\r\n"),
            "lf-twice.txt", utf8(SECRET + "\n\n"),
            "padded.txt", utf8("  \t" + SECRET + " \t\r\n"));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = Files.write(dir.resolve(file.getKey()), file.getValue());

      assertThat(SecretFiles.read(path, "--token-file")).as(file.getKey()).isEqualTo(SECRET);
    }
  }

  @Test
  void rejectsWhitespaceOrControlInside() throws Exception {
    List<List<String>> cases =
        List.of(
            List.of("space.txt", "s3cr3t T0ken", "a space at character 7"),
            List.of("two-lines.txt", "s3cr3t\r\nT0ken\r\n", "a line break"),
            List.of("tab.txt", "s3cr3t\tT0ken", "U+0009"),
            List.of("nul.txt", "s3cr3t\u0000T0ken", "U+0000"),
            List.of("zero-width.txt", "s3cr3t\u200BT0ken", "U+200B"),
            List.of("inner-bom.txt", "s3cr3t\uFEFFT0ken", "U+FEFF"));
    for (List<String> row : cases) {
      Path path = Files.write(dir.resolve(row.get(0)), utf8(row.get(1)));

      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class, () -> SecretFiles.read(path, "--token-file"));

      assertThat(e).as("%s rejected", row.get(0)).isNotNull();
      assertThat(e.getMessage()).as(row.get(0)).contains("--token-file", path.toString());
      assertThat(e.getMessage()).as(row.get(0)).contains(row.get(2));
      assertThat(e.getMessage()).as(row.get(0)).contains("alone on one line");
      assertThat(e.getMessage()).as(row.get(0)).doesNotContain("s3cr3t", "T0ken");
    }
  }

  @Test
  void rejectsEmptyFile() throws Exception {
    Path path = Files.write(dir.resolve("empty.txt"), withBom("\r\n"));

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> SecretFiles.read(path, "--token-file"));

    assertThat(e.getMessage()).contains(path.toString(), "is empty");
  }

  @Test
  void rejectsUtf16File() throws Exception {
    Path path =
        Files.writeString(dir.resolve("utf16.txt"), "\uFEFF" + SECRET, StandardCharsets.UTF_16LE);

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> SecretFiles.read(path, "--token-file"));

    assertThat(e.getMessage()).contains(path.toString(), "not UTF-8", "save it as UTF-8");
  }

  @Test
  void rejectsMissingFile() {
    Path path = dir.resolve("missing.txt");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> SecretFiles.read(path, "--token-file"));

    assertThat(e.getMessage())
        .isEqualTo("--token-file: the file '" + path + "' was not found; check the path");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withBom(String text) {
    byte[] body = utf8(text);
    byte[] all = new byte[UTF8_BOM.length + body.length];
    System.arraycopy(UTF8_BOM, 0, all, 0, UTF8_BOM.length);
    System.arraycopy(body, 0, all, UTF8_BOM.length, body.length);
    return all;
  }
}
