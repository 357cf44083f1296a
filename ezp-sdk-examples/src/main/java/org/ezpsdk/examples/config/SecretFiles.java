package org.ezpsdk.examples.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.examples.internal.StrictUtf8;

/**
 * Reads secrets (tokens, API keys, passwords) from files. Editors on Windows save a UTF-8 byte
 * order mark and CRLF line ends, which would otherwise become part of the secret and give a 401
 * from the service. So a leading BOM and the whitespace around the secret (CR and LF included) are
 * removed. A secret that still contains whitespace or a control character is rejected with the
 * file's name and the position, never the secret.
 */
public final class SecretFiles {

  private SecretFiles() {}

  /**
   * The outcome of reading a secret file: the secret, or what is wrong with the file.
   *
   * @param secret the secret, or {@code null} when the file is invalid
   * @param problem what is wrong and what to do, naming the file; {@code null} when valid
   */
  record Result(String secret, String problem) {
    @Override
    public String toString() {
      return "SecretFiles.Result[secret=" + (secret == null ? "none" : "***") + "]";
    }
  }

  /**
   * Reads the secret in the file.
   *
   * @param option the option or setting that named the file, such as {@code --token-file}
   * @throws ConfigurationException when the file cannot be read, is empty, is not UTF-8, or the
   *     secret contains whitespace or a control character
   */
  public static String read(Path file, String option) {
    Result result = readChecked(file);
    if (result.problem() != null) {
      throw new ConfigurationException(option + ": " + result.problem());
    }
    return result.secret();
  }

  /** Reads and checks the secret in the file, like {@link #read}, without throwing. */
  static Result readChecked(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return invalid("the file '" + file + "' was not found; check the path");
    } catch (IOException e) {
      return invalid(
          "the file '"
              + file
              + "' could not be read ("
              + e.getClass().getSimpleName()
              + "); check the path and permissions");
    }
    String text;
    try {
      text = StrictUtf8.decodeText(bytes);
    } catch (CharacterCodingException e) {
      return invalid("the file '" + file + "' is not UTF-8 text; save it as UTF-8");
    }
    String secret = text.strip();
    if (secret.isEmpty()) {
      return invalid("the file '" + file + "' is empty; write the secret in it");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (isForbidden(c)) {
        return invalid(
            "the secret in the file '"
                + file
                + "' contains "
                + describe(c)
                + " at character "
                + (i + 1)
                + "; write the secret alone on one line, without spaces or control characters");
      }
    }
    return new Result(secret, null);
  }

  private static boolean isForbidden(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT;
  }

  /** Names the character without quoting the secret around it. */
  private static String describe(char c) {
    if (c == '\n' || c == '\r') {
      return "a line break (the file has more than one line)";
    }
    if (c == ' ') {
      return "a space";
    }
    return String.format("the character U+%04X", (int) c);
  }

  private static Result invalid(String problem) {
    return new Result(null, problem);
  }
}
