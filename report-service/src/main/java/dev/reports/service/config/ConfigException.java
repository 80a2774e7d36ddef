package dev.reports.service.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is unusable. The message names every bad setting and what is wrong with it, one
 * line per problem, never a secret's value.
 */
public final class ConfigException extends RuntimeException {
  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(
        problems.stream()
            .map(p -> p.setting().env() + ": " + p.message())
            .collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ConfigException(Setting setting, String message) {
    this(List.of(new Problem(setting, message)));
  }

  public List<Problem> problems() {
    return problems;
  }

  /** What is wrong with one setting: one line, never its value when that is a secret. */
  public record Problem(Setting setting, String message) {}
}
