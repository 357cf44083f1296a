package org.ezpsdk.examples.selftest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of one self-test run, for the sender's records and for Russian Post's support. It
 * names the environment, endpoint and sender id, never the token or key material.
 *
 * @param started when the run started
 * @param finished when it ended
 * @param environment {@code TEST} or {@code PRODUCTION}
 * @param endpoint the base URL tested
 * @param senderId the sender id whose credentials were used
 * @param target how the target was chosen, such as {@code embedded emulator} or {@code profile
 *     test}
 * @param sdkVersion the SDK's version
 * @param steps every step in order
 */
public record SelftestReport(
    Instant started,
    Instant finished,
    String environment,
    String endpoint,
    String senderId,
    String target,
    String sdkVersion,
    List<StepResult> steps) {

  public SelftestReport {
    steps = List.copyOf(steps);
  }

  /** Returns true when every step passed. */
  public boolean passed() {
    return steps.stream().allMatch(StepResult::passed);
  }

  public long failures() {
    return steps.stream().filter(s -> !s.passed()).count();
  }

  /** Returns the steps as a plain-text table for the terminal. */
  public String table() {
    int width = steps.stream().mapToInt(s -> s.id().length()).max().orElse(4);
    StringBuilder text = new StringBuilder();
    text.append(String.format("%-" + width + "s  %-6s  %s%n", "STEP", "RESULT", "REASON"));
    for (StepResult step : steps) {
      text.append(
          String.format("%-" + width + "s  %-4s  %s%n", step.id(), step.verdict(), step.reason()));
    }
    text.append(
        String.format(
            "%d step(s): %d passed, %d failed%n",
            steps.size(), steps.size() - failures(), failures()));
    return text.toString();
  }

  /** Returns the report as Markdown. */
  public String toMarkdown() {
    StringBuilder text = new StringBuilder();
    text.append("# EZP SDK integration self-test\n\n");
    text.append("| | |\n| --- | --- |\n");
    text.append("| Result | ")
        .append(passed() ? "PASS" : "FAIL (" + failures() + " step(s) failed)")
        .append(" |\n");
    text.append("| Environment | ").append(environment).append(" |\n");
    text.append("| Endpoint | ").append(endpoint).append(" |\n");
    text.append("| Sender id | ").append(senderId).append(" |\n");
    text.append("| Target | ").append(target).append(" |\n");
    text.append("| SDK version | ").append(sdkVersion).append(" |\n");
    text.append("| Started | ").append(started).append(" |\n");
    text.append("| Finished | ").append(finished).append(" |\n\n");
    text.append("| Step | Check | Result | Reason |\n| --- | --- | --- | --- |\n");
    for (StepResult step : steps) {
      text.append("| ")
          .append(step.id())
          .append(" | ")
          .append(step.title())
          .append(" | ")
          .append(step.verdict())
          .append(" | ")
          .append(step.reason().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    return text.toString();
  }

  /** Returns the report as JSON. */
  public String toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", passed() ? "PASS" : "FAIL");
    body.put("environment", environment);
    body.put("endpoint", endpoint);
    body.put("senderId", senderId);
    body.put("target", target);
    body.put("sdkVersion", sdkVersion);
    body.put("started", started.toString());
    body.put("finished", finished.toString());
    List<Map<String, Object>> items = new ArrayList<>();
    for (StepResult step : steps) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", step.id());
      item.put("title", step.title());
      item.put("result", step.verdict());
      item.put("reason", step.reason());
      items.add(item);
    }
    body.put("steps", items);
    try {
      return JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build()
          .writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to write the self-test report as JSON", e);
    }
  }

  /**
   * Writes {@code ezp-selftest-<time>.md} and {@code .json} into the folder.
   *
   * @return the Markdown file; the JSON file has the same name with {@code .json}
   */
  public Path write(Path folder) throws IOException {
    Files.createDirectories(folder);
    String name = "ezp-selftest-" + started.toString().replace(":", "").replaceAll("\\.\\d+", "");
    Path markdown = folder.resolve(name + ".md");
    Files.writeString(markdown, toMarkdown(), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(name + ".json"), toJson(), StandardCharsets.UTF_8);
    return markdown;
  }
}
